import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { expect } from "vitest";

/** The size the screenshots are taken at, and the studio is used at. */
export const VIEWPORT = { width: 1280, height: 800 };

/** A page updates after the server answers: wait for it, with a deadline for a busy machine. */
export const eventually = <T>(read: () => T | Promise<T>) =>
  expect.poll(read, { timeout: 15_000, interval: 50 });

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/**
 * A person's own browser window: a context with storage of its own, axe-core put in every page it
 * opens (as an init script, which the page's CSP does not stop, where a script tag would be), and
 * every ID token its pages send kept, so that the test can call the API as that person.
 */
export interface Desk {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The last bearer token the page sent to the admin API. */
  token(): string;
  /** What the page's CSP refused: an inline style or script, a request to another site. */
  refusedByCsp(): readonly string[];
}

export const openDesk = async (browser: Browser): Promise<Desk> => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: axeSource });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  let token = "";
  page.on("request", (request) => {
    const bearer = /^Bearer (.+)$/.exec(request.headers().authorization ?? "");
    if (bearer?.[1] && new URL(request.url()).pathname.startsWith("/admin/v1/")) token = bearer[1];
  });
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return { context, page, token: () => token, refusedByCsp: () => refused };
};

interface AxeViolation {
  readonly id: string;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/** What axe-core finds wrong with the page as it stands, one line per rule broken. */
export const accessibilityViolations = async (page: Page): Promise<string[]> => {
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return (await axe.run()).violations;
  });
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
  );
};

/** Signs in from the studio's sign-in page, through the local identity provider's form. */
export const signIn = async (page: Page, username: string, password: string): Promise<void> => {
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Rules", level: 1 }).waitFor();
};

const docs = (name: string): string =>
  fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));

/** The page as the person sees it, saved in docs/ for the coding managers' walk-through. */
export const screenshot = (page: Page, name: string) => page.screenshot({ path: docs(name) });

/** One part of the page, saved in docs/. */
export const screenshotOf = (part: Locator, name: string) => part.screenshot({ path: docs(name) });

/*
 * What the page holds, read in the page. The tests are compiled without the DOM's types, so these
 * are expressions the page evaluates as they are written.
 */

/** Whether the page fits its window's width: nothing makes it scroll sideways. */
export const fitsWidth = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>("document.documentElement.scrollWidth <= innerWidth");

/** An attribute of the element that has the focus, or its text. */
export const focused = (page: Page, attribute: "text" | string): Promise<string | null> =>
  page.evaluate<string | null>(
    attribute === "text"
      ? "document.activeElement?.textContent ?? null"
      : `document.activeElement?.getAttribute(${JSON.stringify(attribute)}) ?? null`,
  );

/** Everything the page keeps in the browser's storage, as one text. */
export const storedInBrowser = (page: Page): Promise<string> =>
  page.evaluate<string>("JSON.stringify({ ...localStorage, ...sessionStorage })");

/** The person comes back to the window, as when they switch to it from another. */
export const lookAgain = (page: Page): Promise<void> =>
  page.evaluate<void>("void dispatchEvent(new Event('focus'))");
