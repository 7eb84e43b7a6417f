import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withChangedText } from "../support/rule-sets.js";
import { launchChromium } from "./browser.js";
import { type StudioFixture, studioOnFreshTable } from "./studio-fixture.js";

const PROCEDURE = "ecmo-cannula-insertion-percutaneous";
const RULE_33951 = `${PROCEDURE}-33951`;
const RULE_33952 = `${PROCEDURE}-33952`;
const HERNIA = "inguinal-hernia-repair-initial-reducible";
const HERNIA_PRETERM = `${HERNIA}-49491`;
const SHIPPED_TEXT =
  "Insert ECMO/ECLS peripheral cannula(s) through the skin (percutaneous), birth through 5 years";
const NEW_TEXT = "Percutaneous ECMO/ECLS cannula insertion, birth through 5 years (reworded)";
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

  it("changes 33951's text, sees a text-only impact, publishes, and the API serves it within the TTL", async () => {
    await page.getByRole("button", { name: "Start a draft from the active version" }).click();
    await rule(RULE_33951).getByLabel("Text", { exact: true }).fill(NEW_TEXT);
    await eventually(() => draft().textContent()).toContain("No problems");
    await eventually(() => impactItems().allTextContents()).toEqual([
      `${PROCEDURE}: ages 0 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33951 (text changed)`,
    ]);
    await draft().getByLabel("Message: why (Publish)").fill("Our own wording for 33951");
    await draft().getByLabel("I mean to change answers for dates of service already past").check();
    await draft().getByRole("button", { name: "Publish", exact: true }).click();
    await eventually(() => page.getByRole("status").first().textContent()).toBe(
      "Published version 2.",
    );
    await eventually(() => versionRow(2).textContent()).toContain("(active)");
    expect(await untilServed(NEW_TEXT)).toBe(2);
    const audit = await page
      .getByRole("table", { name: "Audit trail, newest first" })
      .textContent();
    expect(audit).toContain("Our own wording for 33951");
    expect(audit).toContain("os-user:coding-manager");
  });

  it("tries a selection against a version and reads the answer with its explanation", async () => {
    const trying = page.getByRole("region", { name: "Try a selection" });
    await trying.getByLabel("Rules to ask").selectOption({ label: "version 2" });
    await trying.getByLabel("Procedure").selectOption(PROCEDURE);
    await trying.getByLabel("Date of birth (YYYY-MM-DD)").fill("2020-11-25");
    await trying.getByLabel("Date of service (YYYY-MM-DD)").fill("2026-11-24");
    await trying.getByRole("button", { name: "Try" }).click();
    const answer = trying.locator("output");
    await eventually(() => answer.textContent()).toContain(`33951: ${NEW_TEXT}`);
    expect(await answer.textContent()).toContain("5 years");
  });

  it("shows each problem at its field as it is typed, from the validator the server runs", async () => {
    await page.getByRole("button", { name: "Start a draft from the active version" }).click();
    await bound(RULE_33951, "Upper").fill("4");
    const text = rule(RULE_33951).getByLabel("Text", { exact: true });
    await eventually(() => text.getAttribute("aria-invalid")).toBe("true");
    const problem = await page
      .locator(`#${await text.getAttribute("aria-describedby")}`)
      .textContent();
    expect(problem).toContain(
      'says "birth through 5 years", but the band is birth through 4 years',
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
      .fill("Percutaneous ECMO/ECLS cannula, birth through 4 years");
    await bound(RULE_33952, "Lower").fill("5");
    await rule(RULE_33952)
      .getByLabel("Text", { exact: true })
      .fill("Percutaneous ECMO/ECLS cannula, 5 years and older");
    await eventually(() => draft().textContent()).toContain("No problems");
    await eventually(() => impactItems().allTextContents()).toContain(
      `${PROCEDURE}: ages 5 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33952`,
    );
    const warning = await draft().locator(".impact").getByRole("alert").textContent();
    expect(warning).toContain("re-codes dates of service from 2015-01-01");
    // A confirmation holds for the changes it was given for: a further edit asks again.
    const confirm = draft().getByLabel(
      "I mean to change answers for dates of service already past",
    );
    await confirm.check();
    await rule(RULE_33952)
      .getByLabel("Text", { exact: true })
      .fill("Percutaneous ECMO/ECLS cannula, 5 years or older");
    await eventually(() => confirm.isChecked()).toBe(false);
  });

  it("rolls back to version 1 after seeing its impact, and the API serves version 1 again", async () => {
    await versionRow(1).getByRole("button", { name: "Roll back to version 1…" }).click();
    const rollback = page.getByRole("region", { name: "Roll back to version 1" });
    await eventually(() => rollback.locator(".impact li").allTextContents()).toEqual([
      `${PROCEDURE}: ages 0 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33951 (text changed)`,
    ]);
    await rollback
      .getByLabel("Message: why (Roll back to version 1)")
      .fill("Back to the shipped text");
    await rollback.getByLabel("I mean to change answers for dates of service already past").check();
    await rollback.getByRole("button", { name: "Roll back to version 1" }).click();
    await eventually(() => versionRow(1).textContent()).toContain("(active)");
    expect(await untilServed(SHIPPED_TEXT)).toBe(1);
  });

  it("publishing over a version someone else replaced meanwhile shows what changed, and keeps the draft", async () => {
    await page.getByRole("button", { name: "Start over from the active version" }).click();
    await rule(RULE_33951).getByLabel("Text", { exact: true }).fill(NEW_TEXT);
    const elsewhere = await fixture.store.publish(
      withChangedText("Changed elsewhere, birth through 5 years"),
      {
        allowPastChanges: true,
        actor: "someone-else",
        expectVersion: 1,
      },
    );
    expect(elsewhere.ok).toBe(true);
    await draft().getByLabel("Message: why (Publish)").fill("Mine");
    await draft().getByLabel("I mean to change answers for dates of service already past").check();
    await draft().getByRole("button", { name: "Publish", exact: true }).click();
    const refusal = draft().getByRole("alert").filter({ hasText: "your draft started from" });
    await eventually(() => refusal.textContent()).toContain(
      "version 1, but version 3 is active now",
    );
    expect(await refusal.textContent()).toContain("Changed elsewhere");
    expect(await rule(RULE_33951).getByLabel("Text", { exact: true }).inputValue()).toBe(NEW_TEXT);
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
        body: JSON.stringify({
          version: 1,
          expectVersion: 3,
          message: "x",
          allowPastChanges: true,
        }),
      }).catch(() => undefined);
    }, studio);
    expect((await refused).status()).toBe(403);
    expect((await fixture.store.activePointer())?.version).toBe(3);
    await other.close();
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  });
});
