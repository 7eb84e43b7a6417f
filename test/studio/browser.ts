import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/**
 * The Chromium the browser tests drive: the one CHROMIUM_PATH names, else Debian's, else the one
 * `npm install` brought inside @sparticuz/chromium (unpacked into the temp folder on first use,
 * about 2 s), so a fresh machine needs no browser of its own. Playwright's own downloads are not
 * used: they need a network this project does not assume.
 */
export const chromiumPath = async (): Promise<string> => {
  const named = process.env.CHROMIUM_PATH;
  if (named) return named;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
};

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const freshProfile = (): string => mkdtempSync(join(tmpdir(), "code-rules-chromium-"));

/** A headless Chromium with a fresh profile that talks to nothing but the pages it is sent to. */
export const launchChromium = async (): Promise<BrowserContext> =>
  chromium.launchPersistentContext(freshProfile(), {
    executablePath: await chromiumPath(),
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: ARGS,
  });

/**
 * The same Chromium as a browser that holds several contexts, each with cookies and storage of
 * its own: two people at two desks, on one machine, with one browser started. Playwright gives
 * it a fresh profile of its own, which it removes on close.
 */
export const launchBrowser = async (): Promise<Browser> =>
  chromium.launch({ executablePath: await chromiumPath(), headless: true, args: ARGS });
