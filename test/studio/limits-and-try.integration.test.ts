import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalApi } from "../../local/local-api.js";
import {
  accessibilityViolations,
  type Desk,
  eventually,
  focused,
  openDesk,
  signIn,
  storedInBrowser,
} from "./studio-pages.js";
import { type StudioUnderTest, startStudio } from "./studio-under-test.js";

const NICU =
  "Inpatient intensive care, not critical care, reported by the day, each later day, by present weight";
const SEDATION =
  "Moderate sedation, first period, given by the clinician who performs a GI endoscopy";
const BORN = "2026-01-01";

let studio: StudioUnderTest | undefined;
let server: LocalApi;
let browser: Browser;
let desk: Desk;

beforeAll(async () => {
  studio = await startStudio("limits-and-try");
  ({ server, browser } = studio);
  desk = await openDesk(browser);
  await desk.page.goto(server.studio?.url ?? "");
  await signIn(desk.page, "alex", "alex-local");
});

afterAll(() => studio?.stop());

const noViolations = async (page: Page) => expect(await accessibilityViolations(page)).toEqual([]);
const answers = (page: Page) => page.locator("#try-answers");
const tryWith = async (page: Page, grams: string) => {
  await page.getByLabel("Weight on the date of service, in grams").fill(grams);
  await page.getByRole("button", { name: "Try", exact: true }).click();
};
const weightOf = (page: Page, rule: string) =>
  page.getByRole("group", { name: new RegExp(`^Weight in grams of ${rule}`) });

describe("a coding manager edits the limits besides age and tries the rules on a patient", () => {
  it("shows a procedure's weight limits in their own column, and asks the try panel only for the weight", async () => {
    const { page } = desk;
    await page.getByLabel("Procedure", { exact: true }).selectOption({ label: NICU });
    const table = page.getByRole("table", { name: "Rules of this procedure" });
    await table.getByRole("columnheader", { name: "Weight", exact: true }).waitFor();
    await expect(table.textContent()).resolves.toContain("weighing 1,500 through 2,500 g");
    await expect(page.getByLabel("Payer", { exact: true }).count()).resolves.toBe(0);
    await expect(
      page.getByRole("group", { name: "Gestational age at birth" }).count(),
    ).resolves.toBe(0);
  });

  it("answers as the API would: a weight left out is named, a weight given selects its code with the core's reason", async () => {
    const { page } = desk;
    await page.getByLabel("Date of birth", { exact: true }).fill(BORN);
    await page.getByLabel("Date of service", { exact: true }).fill("2026-01-10");
    await page.getByRole("button", { name: "Try", exact: true }).click();
    await eventually(() => answers(page).textContent()).toContain("give weightGrams");
    await expect(answers(page).textContent()).resolves.toContain("It needs weightGrams");
    await noViolations(page);

    await tryWith(page, "1400");
    await eventually(() => answers(page).textContent()).toContain(
      "9 days old on 2026-01-10 (completed days), weighing 1,400 g; 'all ages' selects 99478",
    );
    // A date of birth is health information: never kept in the browser or put in the address.
    expect(await storedInBrowser(page)).not.toContain(BORN);
    expect(page.url()).not.toContain(BORN);
  });

  it("edits a weight edge in its cell, shows the overlap it makes there, and answers from the copy beside the version in use", async () => {
    const { page } = desk;
    await page.getByRole("button", { name: "Propose a change to these rules" }).click();
    await weightOf(page, "99478").getByLabel("Through", { exact: true }).fill("1599");
    const problemCell = weightOf(page, "99479").getByLabel("From", { exact: true });
    await eventually(() => problemCell.getAttribute("aria-invalid")).toBe("true");
    const described = (await problemCell.getAttribute("aria-describedby")) ?? "";
    await expect(page.locator(`#${described}`).textContent()).resolves.toMatch(
      /for weights from 1,500 g up to 1,600 g, both 99478 .* and 99479 .* cover all ages/,
    );
    await eventually(() => answers(page).textContent()).toContain(
      "Your working copy has a problem to fix first",
    );
    await noViolations(page);

    await weightOf(page, "99479").getByLabel("From", { exact: true }).fill("1600");
    await tryWith(page, "1550");
    const said = answers(page);
    await eventually(() => said.textContent()).toContain(
      "Your working copy answers this patient otherwise than the version in use.",
    );
    await expect(said.getByRole("heading", { name: "Your working copy" }).count()).resolves.toBe(1);
    await expect(said.locator(".try-code").allTextContents()).resolves.toEqual(["99478", "99479"]);
    await noViolations(page);
  });

  it("describes the change as limited to the weights it moves", async () => {
    const { page } = desk;
    await page.getByRole("button", { name: "Review and submit…" }).click();
    await eventually(() =>
      page.getByRole("region", { name: /Which answers change/ }).textContent(),
    ).toContain("(weighing 1,500 through 1,599 g: 99479 → 99478)");
    await page.getByRole("button", { name: "Keep editing" }).click();
  });

  it("limits a rule to payer programs ticked from those its procedure lists, each problem at its cell", async () => {
    const { page } = desk;
    await page.getByLabel("Procedure", { exact: true }).selectOption({ label: SEDATION });
    await page.getByLabel("Payer programs its rules tell apart").waitFor();
    const g0500 = page.getByRole("group", { name: /^Payers of G0500/ });
    await g0500.getByLabel("medicaid").check();
    const mode = g0500.getByLabel("Which payers");
    await eventually(() => mode.getAttribute("aria-invalid")).toBe("true");
    // The box ticked keeps the cursor as the problem appears: the next Tab goes on from it.
    await expect(focused(page, "type")).resolves.toBe("checkbox");
    await noViolations(page);
  });

  it("breaks the page's CSP nowhere", () => {
    expect(desk.refusedByCsp()).toEqual([]);
  });
});
