import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withChangedText } from "../support/rule-sets.js";
import { launchChromium } from "./browser.js";
import {
  approvedAndPublished,
  publishedByOthers,
  type StudioFixture,
  studioOnFreshTable,
  today,
} from "./studio-fixture.js";

const PROCEDURE = "ecmo-cannula-insertion-percutaneous";
const RULE_33951 = `${PROCEDURE}-33951`;
const RULE_33952 = `${PROCEDURE}-33952`;
const HERNIA = "inguinal-hernia-repair-initial-reducible";
const HERNIA_PRETERM = `${HERNIA}-49491`;
/** What the API answers a 5-year-old with: 33951's text, then its band's ages. */
const SHIPPED_TEXT =
  "Insert ECMO/ECLS peripheral cannula(s) through the skin (percutaneous), birth through 5 years";
const NEW_TEXT = "Percutaneous ECMO/ECLS cannula insertion (reworded)";
const NEW_TEXT_SERVED = `${NEW_TEXT}, birth through 5 years`;
const LEAVE = "Ask leave to change answers for past dates of service: a second person approves it";
const screenshot = (name: string) => fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

/** A page updates after the server answers: wait for it, up to a patient limit on a busy machine. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

let fixture: StudioFixture;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  fixture = await studioOnFreshTable();
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

/**
 * The rule version the API on the same table answers a 5-year-old with, once its text is `text`.
 * How soon a change is served is the bench's propagation figure; this waits for it, with a deadline.
 */
const untilServed = (text: string): Promise<number> =>
  vi.waitFor(
    async () => {
      const response = await fetch(`${fixture.apiUrl}/v1/select`, {
        method: "POST",
        body: JSON.stringify({
          procedure: PROCEDURE,
          dateOfBirth: "2020-11-25",
          dateOfService: "2026-11-24",
        }),
      });
      const answer = (await response.json()) as { text: string; ruleVersion: number };
      expect(answer.text).toBe(text);
      return answer.ruleVersion;
    },
    { timeout: 20_000, interval: 100 },
  );

const draft = () => page.getByRole("region", { name: "Draft", exact: true });
const rule = (id: string): Locator =>
  draft().getByRole("group", { name: `Rule ${id}`, exact: true });
const bound = (id: string, which: "Lower" | "Upper") =>
  rule(id)
    .getByRole("group", { name: `${which} age bound` })
    .getByLabel("Age", { exact: true });
const impactItems = () => draft().locator(".impact li");
const requestRow = (caption: string, request: number) =>
  page.getByRole("table", { name: caption }).getByRole("row", { name: new RegExp(`^${request} `) });
const versionRow = (version: number) =>
  page.getByRole("table", { name: "Versions, newest first" }).getByRole("row", {
    name: new RegExp(`^${version} `),
  });

describe("a coding manager in the studio", () => {
  it("sees the versions and each procedure as a picture of its bands, edges named", async () => {
    await page.goto(fixture.studio.url);
    // The secret leaves the address bar for a cookie.
    expect(page.url()).toBe(`${fixture.studio.origin}/`);
    await eventually(() => versionRow(1).textContent()).toContain("(active)");
    const picture = page.locator(`figure:has(svg[data-procedure="${PROCEDURE}"])`);
    const svg = picture.locator("svg");
    expect(await svg.getAttribute("role")).toBe("img");
    const drawn = await svg.textContent();
    for (const said of [
      "33951",
      "33952",
      "36822",
      "6th birthday",
      "dates of service 2000-01-01 through 2014-12-31",
      "dates of service from 2015-01-01",
    ])
      expect(drawn).toContain(said);
    const critical = await page
      .locator('svg[data-procedure="neonatal-pediatric-critical-care-initial-day"]')
      .textContent();
    expect(critical).toContain("29 days");
    // The shipped rules overlap nowhere; codes split by age from conception share their ages.
    expect(
      await page
        .locator(".picture svg:has(.band.overlap)")
        .evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute("data-procedure"))),
    ).toEqual([]);
    const hernia = page.locator('svg[data-procedure="inguinal-hernia-repair-initial-reducible"]');
    expect(await hernia.locator(".band.split").count()).toBeGreaterThan(1);
    await picture.screenshot({ path: screenshot("studio-procedure-picture.png") });
  });

  it("changes 33951's text, sees a text-only impact and proposes it; once a second person approves and publishes it, the API serves it within the TTL", async () => {
    await page.getByRole("button", { name: "Start a draft from the active version" }).click();
    await rule(RULE_33951).getByLabel("Text", { exact: true }).fill(NEW_TEXT);
    await eventually(() => draft().textContent()).toContain("No problems");
    await eventually(() => impactItems().allTextContents()).toEqual([
      `${PROCEDURE}: ages 0 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33951 (text changed)`,
    ]);
    await draft()
      .getByLabel("Title: what changes and why (Propose for review)")
      .fill("Our own wording for 33951");
    await draft().getByLabel(LEAVE).check();
    await draft().getByRole("button", { name: "Propose for review", exact: true }).click();
    await eventually(() => page.getByRole("status").first().textContent()).toBe(
      "Change request 1 is in review: a second person approves it with code-rules change approve 1.",
    );
    const open = "Open change requests, newest first";
    await eventually(() => requestRow(open, 1).textContent()).toContain("in review");
    const row = await requestRow(open, 1).textContent();
    for (const said of [
      "Our own wording for 33951",
      "asks leave to change answers for past dates of service",
      "os-user:coding-manager",
      "0 of 1",
    ])
      expect(row).toContain(said);
    // Proposed is not published: version 1 stays active and served until a second person approves.
    expect(await versionRow(1).textContent()).toContain("(active)");
    expect(await untilServed(SHIPPED_TEXT)).toBe(1);
    const requests = page.getByRole("region", { name: "Change requests" });
    expect(await requests.getByRole("button").count()).toBe(0);

    expect(await approvedAndPublished(fixture.store, 1)).toBe(2);
    await page.reload();
    await eventually(() => versionRow(2).textContent()).toContain("(active)");
    expect(await untilServed(NEW_TEXT_SERVED)).toBe(2);
    await eventually(() => requests.textContent()).toContain("No open change requests.");
    await requests.getByLabel("Show closed requests too (published, rejected, withdrawn)").check();
    expect(await requestRow("Change requests, newest first", 1).textContent()).toContain(
      "published as version 2",
    );
    const audit = await page
      .getByRole("table", { name: "Audit trail, newest first" })
      .textContent();
    for (const said of [
      "Our own wording for 33951 (change request 1)",
      "1 → 2; request 1, proposed by os-user:coding-manager, approved by sam",
      "request 1 approved",
      "request 1 created",
      "os-user:coding-manager",
    ])
      expect(audit).toContain(said);
  });

  it("tries a selection against a version and reads the answer with its explanation", async () => {
    const trying = page.getByRole("region", { name: "Try a selection" });
    await trying.getByLabel("Rules to ask").selectOption({ label: "version 2" });
    await trying.getByLabel("Procedure").selectOption(PROCEDURE);
    await trying.getByLabel("Date of birth (YYYY-MM-DD)").fill("2020-11-25");
    await trying.getByLabel("Date of service (YYYY-MM-DD)").fill("2026-11-24");
    await trying.getByRole("button", { name: "Try" }).click();
    const answer = trying.locator("output");
    await eventually(() => answer.textContent()).toContain(`33951: ${NEW_TEXT_SERVED}`);
    expect(await answer.textContent()).toContain("'birth through 5 years' selects 33951");
  });

  it("shows each problem at its field as it is typed, from the validator the server runs", async () => {
    await page.getByRole("button", { name: "Start a draft from the active version" }).click();
    await bound(RULE_33951, "Upper").fill("4");
    const text = rule(RULE_33951).getByLabel("Text", { exact: true });
    await text.fill("Percutaneous ECMO/ECLS cannula, child younger than 5 years");
    await eventually(() => text.getAttribute("aria-invalid")).toBe("true");
    const problem = await page
      .locator(`#${await text.getAttribute("aria-describedby")}`)
      .textContent();
    expect(problem).toContain(
      'says "child younger than 5 years": the band states the ages (birth through 4 years); say only the service',
    );
    // The picture shows the ages no band covers any more.
    const picture = draft().locator(`svg[data-procedure="${PROCEDURE}"]`);
    expect(await picture.locator("rect.gap").count()).toBe(1);
    // Nothing publishes while a problem stands.
    expect(await draft().locator(".impact").count()).toBe(0);
  });

  it("moves a band edge and sees the past-dates warning", async () => {
    await rule(RULE_33951)
      .getByLabel("Text", { exact: true })
      .fill("Percutaneous ECMO/ECLS cannula");
    await bound(RULE_33952, "Lower").fill("5");
    await rule(RULE_33952)
      .getByLabel("Text", { exact: true })
      .fill("Percutaneous ECMO/ECLS cannula insertion");
    await eventually(() => draft().textContent()).toContain("No problems");
    // The editor shows the sentence callers will read: the text, then the band's ages.
    expect(await rule(RULE_33952).textContent()).toContain(
      "Callers read: Percutaneous ECMO/ECLS cannula insertion, 5 years and older",
    );
    await eventually(() => impactItems().allTextContents()).toContain(
      `${PROCEDURE}: ages 5 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33952`,
    );
    const warning = await draft().locator(".impact").getByRole("alert").textContent();
    expect(warning).toContain("re-codes dates of service from 2015-01-01");
    // Leave is asked for the changes it was ticked for: a further edit asks again.
    const confirm = draft().getByLabel(LEAVE);
    await confirm.check();
    await rule(RULE_33952)
      .getByLabel("Text", { exact: true })
      .fill("Percutaneous ECMO/ECLS cannula placement");
    await eventually(() => confirm.isChecked()).toBe(false);
  });

  it("sees a rollback that re-codes past dates of service refused with the policy's sentence, with no leave to give", async () => {
    await versionRow(1).getByRole("button", { name: "Roll back to version 1…" }).click();
    const rollback = page.getByRole("region", { name: "Roll back to version 1" });
    await eventually(() => rollback.locator(".impact li").allTextContents()).toEqual([
      `${PROCEDURE}: ages 0 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33951 (text changed)`,
    ]);
    expect(await rollback.getByRole("checkbox").count()).toBe(0);
    await rollback
      .getByLabel("Message: why (Roll back to version 1)")
      .fill("Back to the shipped text");
    await rollback.getByRole("button", { name: "Roll back to version 1" }).click();
    await eventually(() => rollback.locator(".refusal").textContent()).toBe(
      `rollback refused: it changes answers for dates of service from 2015-01-01, before ${today()}; nothing was written`,
    );
    expect(await versionRow(2).textContent()).toContain("(active)");
  });

  it("proposing over a version someone else replaced meanwhile shows what changed, and keeps the draft", async () => {
    const mine = "Percutaneous ECMO/ECLS cannula insertion (mine)";
    await page.getByRole("button", { name: "Start over from the active version" }).click();
    await rule(RULE_33951).getByLabel("Text", { exact: true }).fill(mine);
    expect(
      await publishedByOthers(fixture.store, withChangedText("Changed elsewhere"), "elsewhere"),
    ).toBe(3);
    await draft().getByLabel("Title: what changes and why (Propose for review)").fill("Mine");
    await draft().getByLabel(LEAVE).check();
    await draft().getByRole("button", { name: "Propose for review", exact: true }).click();
    const refusal = draft().getByRole("alert").filter({ hasText: "change request refused" });
    await eventually(() => refusal.textContent()).toContain(
      "expected version 2 to be active, but version 3 is; change request refused; nothing was written",
    );
    expect(await refusal.textContent()).toContain("Changed elsewhere");
    expect(await rule(RULE_33951).getByLabel("Text", { exact: true }).inputValue()).toBe(mine);
    // Going on over version 3 undoes their change: said before, and listed by the impact after.
    expect(await draft().textContent()).toContain(
      "your draft does not hold what changed in between",
    );
    await draft().getByRole("button", { name: "Keep my draft as it is, over version 3" }).click();
    await eventually(() => impactItems().allTextContents()).toEqual([
      `${PROCEDURE}: ages 0 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33951 (text changed)`,
    ]);
  });

  it("downloads a version as CSV and uploads it back as a draft that changes nothing", async () => {
    await page.getByRole("button", { name: "View version 3" }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download version 3 as CSV" }).click();
    const file = await (await download).path();
    expect(readFileSync(file, "utf8")).toContain("Changed elsewhere");
    await page.getByLabel("Upload a CSV as the draft").setInputFiles(file);
    await eventually(() => page.getByRole("status").first().textContent()).toContain(
      "is the draft now (from version 3)",
    );
    await eventually(() => draft().textContent()).toContain("No problems");
    expect(await draft().locator(".impact").textContent()).toContain("No answer changes");
  });

  it("changes a hernia rule's limit by gestational age at birth and sees the ages it leaves uncovered", async () => {
    const upper = rule(HERNIA_PRETERM).getByRole("group", {
      name: "Upper gestational age at birth",
    });
    expect(await upper.getByLabel("Unit").inputValue()).toBe("weeks");
    await upper.getByLabel("Age", { exact: true }).fill("36");
    await eventually(() => draft().textContent()).toContain(
      "for gestational ages at birth 36 weeks 0 days to 36 weeks 6 days",
    );
    await upper.getByLabel("Age", { exact: true }).fill("37");
    await eventually(() => draft().textContent()).toContain("No problems");
    // Declaring a coverage the bands contradict is named at once too.
    const hernia = draft().getByRole("region", { name: HERNIA, exact: true });
    await hernia.getByLabel("Coverage stops on purpose at an age").check();
    await eventually(() => draft().textContent()).toContain("declares its coverage stops at birth");
    await hernia.getByLabel("Coverage stops on purpose at an age").uncheck();
    await eventually(() => draft().textContent()).toContain("No problems");
  });

  it("reads at 200% zoom: at half the width, nothing runs off the side", async () => {
    await page.setViewportSize({ width: 600, height: 900 });
    const overflow = await page
      .locator("html")
      .evaluate((html) => html.scrollWidth - html.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1200, height: 900 });
  });
});

describe("another web page open in the same browser", () => {
  it("cannot read the studio's rules nor change them", async () => {
    // A page of another origin on the same machine, as a hostile local site would be.
    const site = createServer((_request, response) => response.end("<p>another site</p>"));
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const other = await browser.newPage();
    other.setDefaultTimeout(10_000);
    await other.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    const studio = fixture.studio.origin;
    const read = await other.evaluate(
      (origin) =>
        fetch(`${origin}/api/versions`, { credentials: "include" }).then(
          () => "read",
          () => "blocked",
        ),
      studio,
    );
    expect(read).toBe("blocked");
    const refused = other.waitForResponse((r) => r.url().endsWith("/api/rollback"));
    await other.evaluate((origin) => {
      void fetch(`${origin}/api/rollback`, {
        method: "POST",
        mode: "no-cors",
        credentials: "include",
        body: JSON.stringify({ version: 2, expectVersion: 3, message: "x" }),
      }).catch(() => undefined);
    }, studio);
    expect((await refused).status()).toBe(403);
    expect((await fixture.store.activePointer())?.version).toBe(3);
    await other.close();
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  });
});
