import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalApi } from "../../local/local-api.js";
import {
  accessibilityViolations,
  type Desk,
  eventually,
  fitsWidth,
  focused,
  lookAgain,
  openDesk,
  screenshot,
  screenshotOf,
  signIn,
  storedInBrowser,
} from "./studio-pages.js";
import { type StudioUnderTest, startStudio } from "./studio-under-test.js";

const ECMO =
  "Insertion of ECMO/ECLS cannula(s) into peripheral vessels through the skin (percutaneous)";
const TITLE = "Move the percutaneous ECMO cannula split to the 12th birthday from 2027";

let studio: StudioUnderTest | undefined;
let server: LocalApi;
let studioUrl: string;
let browser: Browser;
/** Alex, who edits rules, and Sam, who approves them: two people, each at their own browser. */
let alex: Desk;
let sam: Desk;

beforeAll(async () => {
  studio = await startStudio("two-person");
  ({ server, browser } = studio);
  studioUrl = server.studio?.url ?? "";
  [alex, sam] = await Promise.all([openDesk(browser), openDesk(browser)]);
});

afterAll(() => studio?.stop());

/** The code the API answers for an 8-year-old on a date of service, once the cache has caught up. */
const codeFor = async (dateOfBirth: string, dateOfService: string): Promise<string> => {
  const response = await fetch(`${server.url}/v1/select`, {
    method: "POST",
    body: JSON.stringify({
      procedure: "ecmo-cannula-insertion-percutaneous",
      dateOfBirth,
      dateOfService,
    }),
  });
  return ((await response.json()) as { code: string }).code;
};

const noViolations = async (page: Page) => expect(await accessibilityViolations(page)).toEqual([]);

const ages = (page: Page, rule: string) => page.getByRole("group", { name: `Ages of ${rule}` });

describe("two people change a rule in the studio: one proposes, the other approves and publishes", () => {
  it("offers sign-in to someone not signed in", async () => {
    const { page } = alex;
    await page.goto(studioUrl);
    await page.getByRole("heading", { name: "Sign in to the studio" }).waitFor();
    await noViolations(page);
    await screenshot(page, "studio-sign-in.png");
  });

  it("shows the editor every rule of the version in use, and finds 33951 by search", async () => {
    const { page } = alex;
    await signIn(page, "alex", "alex-local");
    const caption = page.locator("#grid-caption");
    await eventually(() => caption.textContent()).toMatch(/Version 1, in use: \d+ of \d+ rules/);
    const count = Number((await caption.textContent())?.match(/of (\d+) rules/)?.[1]);
    expect(count).toBeGreaterThanOrEqual(106);
    expect(await page.locator("table.grid tbody tr").count()).toBe(count);
    await noViolations(page);
    await screenshot(page, "studio-grid.png");

    // "/" anywhere puts the cursor in the search.
    await page.locator("body").press("/");
    await page.keyboard.type("33951");
    await eventually(() => caption.textContent()).toMatch(/: 1 of \d+ rules/);
    await expect(
      page.getByRole("row", { name: /33951, ages birth through 5 years/ }).count(),
    ).resolves.toBe(1);
    // Enter takes the cursor from the search to the rule found: a search and a key, no Tabs.
    await page.keyboard.press("Enter");
    await eventually(() => focused(page, "aria-label")).toMatch(
      /^33951, ages birth through 5 years, from 1 January 2015/,
    );
    // At 200% zoom (1280 pixels wide, half as many CSS pixels) the page itself never scrolls sideways.
    await page.setViewportSize({ width: 640, height: 800 });
    expect(await fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("lets the editor move the split from 2027, showing each problem at its cell on the way, and saves the working copy as a draft", async () => {
    const { page } = alex;
    await page.getByRole("button", { name: "Propose a change" }).click();
    await page.getByRole("button", { name: /^33951, ages birth through 5 years/ }).click();
    await eventually(() => focused(page, "text")).toBe(ECMO);

    await page.getByLabel("Change these rules from a date of service").fill("2027-01-01");
    await page.getByRole("button", { name: "Start new rules from this date" }).click();
    await page.getByText("2 new rules start on 1 January 2027").waitFor();

    await ages(page, "33951 from 1 January 2027")
      .getByLabel("Through age", { exact: true })
      .fill("11");
    // 33952 still starts at 6: the two bands overlap, and the problem is listed and shown at its cell.
    const problems = page.getByRole("region", { name: /problems? to fix/ });
    await problems.getByRole("link").first().click();
    await eventually(() => focused(page, "aria-invalid")).toBe("true");
    const describedBy = (await focused(page, "aria-describedby")) ?? "";
    await expect(page.locator(`#${describedBy}`).textContent()).resolves.toMatch(/overlap/i);
    await noViolations(page);

    await ages(page, "33952 from 1 January 2027")
      .getByLabel("From age", { exact: true })
      .fill("12");
    await problems.waitFor({ state: "detached" });
    await page
      .getByText(/Saved as draft change request 1 at/)
      .first()
      .waitFor();
    await screenshotOf(page.locator("figure.picture"), "studio-procedure-picture.png");
  });

  it("keeps the working copy across a reload, and nothing else: the editor signs in again and resumes it", async () => {
    const { page } = alex;
    await page.reload();
    const kept = await storedInBrowser(page);
    expect(kept).toContain("33951");
    expect(kept).not.toContain(alex.token());
    // The issuer still knows them: signing in again asks for no password.
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Rules", level: 1 }).waitFor();

    await page.getByRole("button", { name: "Discard it…" }).click();
    const dialog = page.getByRole("dialog", { name: "Discard your working copy?" });
    await dialog.waitFor();
    await noViolations(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Resume my working copy" }).click();
    await eventually(() => page.locator("#grid-caption").textContent()).toMatch(
      /^Your working copy of version 1/,
    );
  });

  it("shows the editor the impact before submitting: from 2027, 6 through 11 years get 33951", async () => {
    const { page } = alex;
    await page.getByRole("button", { name: "Review and submit…" }).click();
    const impact = page.getByRole("region", { name: /Which answers change/ });
    await eventually(() => impact.textContent()).toContain(
      "ages 6 years through 11 years, dates of service from 1 January 2027: 33952 → 33951",
    );
    await noViolations(page);
    await page.getByLabel("Title: what changes and why").fill(TITLE);
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByText("Change request 1 is waiting for approval").first().waitFor();
  });

  it("refuses the editor approving their own request: no Approve button, a reason instead, and the API says no", async () => {
    const { page } = alex;
    await page.getByRole("link", { name: "Open change request 1" }).click();
    await page.getByRole("heading", { name: `Change request 1: ${TITLE}` }).waitFor();
    await page.getByText("you cannot approve your own").waitFor();
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await noViolations(page);

    const approve = await fetch(`${server.url}/admin/v1/requests/1/approve`, {
      method: "POST",
      headers: { authorization: `Bearer ${alex.token()}` },
    });
    expect(approve.status).toBe(403);
    expect(((await approve.json()) as { detail: string }).detail).toContain("Alex Editor");
  });

  it("shows the approver the request with its diff, field by field, and its impact", async () => {
    const { page } = sam;
    await page.goto(studioUrl);
    await signIn(page, "sam", "sam-local");
    await page.getByRole("link", { name: "Change requests (1 open)" }).click();
    const row = page.getByRole("row", { name: new RegExp(`1: ${TITLE}`) });
    await expect(row.textContent()).resolves.toContain("Alex Editor");
    await row.getByRole("link").click();
    const diff = page.getByRole("table", { name: "From version 1 (in use) to this request" });
    await eventually(() => diff.textContent()).toContain("effective to: no end → 31 December 2026");
    const said = await diff.textContent();
    expect(said).toContain("Added");
    expect(said).toContain("33951, ages birth through 11 years, from 1 January 2027");
    expect(said).toContain("33952, ages 12 years and older, from 1 January 2027");
    expect(said).not.toMatch(/ecmo-cannula|sign-in:/);
    await expect(
      page.getByRole("region", { name: /Which answers change/ }).textContent(),
    ).resolves.toContain("33952 → 33951");
    await noViolations(page);
    await screenshot(page, "studio-request-review.png");
  });

  it("lets the approver approve and publish it; the API then answers by the new split from 2027 only", async () => {
    const { page } = sam;
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("You approved change request 1.").waitFor();
    // The button pressed is gone (Publish stands in its place): the focus is on what it did, not
    // lost to the page's start, and Publish is the next Tab.
    await eventually(() => focused(page, "id")).toBe("request-message");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText(/Published as version 2/).waitFor();
    await eventually(() => focused(page, "id")).toBe("request-message");
    // Published, the request still says what it changed: against the version it was based on,
    // not the version in use, which now holds its rules and would show no difference.
    const changed = page.getByRole("table", {
      name: "From version 1, which it was based on, to version 2, which it became",
    });
    await eventually(() => changed.textContent()).toContain("31 December 2026");
    await noViolations(page);
    // Eight years old on each date of service.
    await eventually(() => codeFor("2019-01-15", "2027-03-01")).toBe("33951");
    expect(await codeFor("2018-06-01", "2026-12-01")).toBe("33952");
  });

  it("lets the approver compare any two versions", async () => {
    const { page } = sam;
    await page.getByRole("link", { name: "Versions" }).click();
    const versions = page.getByRole("table", { name: "Versions, newest first" });
    // The page draws the table after the click: wait for it, as a person would.
    await eventually(() => versions.getByRole("row", { name: /^2 in use/ }).count()).toBe(1);
    await page.getByLabel("From").selectOption("1");
    await page.getByLabel("To").selectOption("2");
    await page.getByRole("button", { name: "Compare" }).click();
    const diff = page.getByRole("table", { name: "From version 1 to version 2" });
    await eventually(() => diff.textContent()).toContain(
      "33952, ages 12 years and older, from 1 January 2027",
    );
    await noViolations(page);
  });

  it("tells the editor, when they look again, that version 2 is in use and who published it", async () => {
    const { page } = alex;
    await lookAgain(page);
    await page
      .getByText("Version 2 was published by Sam Approver: the grid shows it now.")
      .waitFor();
    await page.getByRole("link", { name: "Rules" }).click();
    await eventually(() => page.locator("#grid-caption").textContent()).toMatch(
      /^Version 2, in use/,
    );
  });

  it("breaks the page's CSP nowhere: no inline style or script, nothing from another site", () => {
    expect([...alex.refusedByCsp(), ...sam.refusedByCsp()]).toEqual([]);
  });
});
