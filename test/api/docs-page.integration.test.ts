import { execFile } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SERVER_URL } from "../../http/servers.js";
import { serveHttp } from "../../local/local-api.js";
import { launchChromium } from "../studio/browser.js";
import { shippedRulesService } from "../support/shipped-service.js";
import { PROJECT_ROOT } from "../support/source-imports.js";

let server: Server;
let origin: string;
let browser: BrowserContext;

beforeAll(async () => {
  await promisify(execFile)("npm", ["run", "-s", "docs"], { cwd: PROJECT_ROOT });
  const service = await shippedRulesService();
  server = await serveHttp(service.handle, 0, "127.0.0.1");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Redoc renders the 2.6 MB page after it loads: seconds on a busy machine, so wait for it. */
const rendered = (page: Page) =>
  page.getByText("/v1/check/batch").first().waitFor({ timeout: 20_000 });

describe("the API reference page at /docs", () => {
  it("loads nothing from anywhere but the page itself: no CDN, no fonts, no telemetry", async () => {
    const page = await browser.newPage();
    const sentOut: string[] = [];
    // Only requests that reach the network are routed: those the page's policy refuses never do.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      sentOut.push(url);
      return route.abort();
    });
    await page.goto(`${origin}/docs`, { waitUntil: "networkidle" });
    await rendered(page);
    expect(sentOut).toEqual([]);
    await page.close();
  });

  it("offers the server it came from, on whatever port it listens, and version and tags in its navigation", async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/docs`, { waitUntil: "networkidle" });
    await rendered(page);
    // biome-ignore lint/performance/useDomNodeTextContent: the text shown, not the page's scripts
    const text = await page.locator("body").innerText();
    expect(text).toContain(origin);
    expect(text).not.toContain(LOCAL_SERVER_URL);
    expect(text).toMatch(/code-rules\s*\(0\.\d+\.\d+\)/);
    for (const tag of ["Select", "Check", "Rules", "Service"]) expect(text).toContain(tag);
    expect(text).not.toContain("`");
    await page.close();
  });
});

describe("the served OpenAPI document", () => {
  it("names the local server at the port it listens on", async () => {
    const document = (await (await fetch(`${origin}/openapi.json`)).json()) as {
      servers: { url: string }[];
    };
    expect(document.servers[0]?.url).toBe(origin);
    expect(JSON.stringify(document)).not.toContain(LOCAL_SERVER_URL);
  });
});
