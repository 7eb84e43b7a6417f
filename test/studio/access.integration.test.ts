import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULE_SET_LIMITS, RULE_SET_REQUEST_BYTES } from "../../core/limits.js";
import { type StudioFixture, studioOnFreshTable } from "./studio-fixture.js";

let fixture: StudioFixture;

beforeAll(async () => {
  fixture = await studioOnFreshTable();
});

afterAll(async () => {
  await fixture?.stop();
});

const withSecret = () => ({ cookie: fixture.studio.cookie });

describe("what the studio takes", () => {
  const postCsv = (bytes: number) =>
    fetch(`${fixture.studio.origin}/api/csv`, {
      method: "POST",
      headers: { ...withSecret(), origin: fixture.studio.origin, "content-type": "text/csv" },
      body: "x".repeat(bytes),
    });

  it("takes a body as large as the largest version publish accepts, and refuses a larger one (413)", async () => {
    const largest = await postCsv(RULE_SET_LIMITS.versionBytes);
    expect(largest.status).not.toBe(413);
    expect(largest.status).not.toBe(403);
    const over = await postCsv(RULE_SET_REQUEST_BYTES + 1);
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({
      error: `the request body is over ${RULE_SET_REQUEST_BYTES / 1024} KiB, more than the largest rule set publish accepts`,
    });
  });
});

describe("who may reach the studio", () => {
  it("listens on 127.0.0.1 and prints a URL that carries the launch's secret", () => {
    expect(fixture.studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?secret=[\w-]{43}$/);
  });

  it("refuses every route without the secret (403), and answers the versions list with it (200)", async () => {
    for (const path of [
      "/",
      "/studio.js",
      "/api/versions",
      "/api/versions/1",
      "/api/versions/1/csv",
      "/api/requests",
    ]) {
      expect((await fetch(`${fixture.studio.origin}${path}`)).status, path).toBe(403);
    }
    const wrong = await fetch(`${fixture.studio.origin}/api/versions?secret=guess`);
    expect(wrong.status).toBe(403);
    const list = await fetch(`${fixture.studio.origin}/api/versions`, { headers: withSecret() });
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ active: 1, versions: [{ version: 1 }] });
    const inUrl = await fetch(
      `${fixture.studio.origin}/api/versions?secret=${fixture.studio.secret}`,
    );
    expect(inUrl.status).toBe(200);
  });

  it("moves the secret from the printed URL into a cookie only its own origin is sent, and out of the address bar", async () => {
    const entered = await fetch(fixture.studio.url, { redirect: "manual" });
    expect(entered.status).toBe(303);
    expect(entered.headers.get("location")).toBe("/");
    expect(entered.headers.get("set-cookie")).toBe(
      `${fixture.studio.cookie}; HttpOnly; SameSite=Strict; Path=/`,
    );
  });

  it("refuses a state-changing request from another origin, or from nowhere it can tell, even with the secret", async () => {
    const rollback = (headers: Record<string, string>) =>
      fetch(`${fixture.studio.origin}/api/rollback`, {
        method: "POST",
        headers: { ...withSecret(), "content-type": "application/json", ...headers },
        body: JSON.stringify({ version: 1, expectVersion: 1, message: "x" }),
      });
    expect((await rollback({ origin: "http://127.0.0.1:1" })).status).toBe(403);
    expect((await rollback({ origin: "null" })).status).toBe(403);
    expect((await rollback({ "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await rollback({})).status).toBe(403);
    // From its own origin the request is heard: version 1 is already active.
    const own = await rollback({ origin: fixture.studio.origin });
    expect(own.status).toBe(422);
    expect(await own.json()).toMatchObject({ error: "version 1 is already active" });
    const propose = await fetch(`${fixture.studio.origin}/api/requests`, {
      method: "POST",
      headers: { ...withSecret(), "content-type": "application/json", origin: "null" },
      body: JSON.stringify({ content: {}, baseVersion: 1, title: "x", allowPastChanges: false }),
    });
    expect(propose.status).toBe(403);
  });

  it("refuses a request that names another host, as a rebound DNS name would", async () => {
    const { port } = new URL(fixture.studio.origin);
    const response = await new Promise<number>((resolve, reject) => {
      const headers = { ...withSecret(), host: `evil.example:${port}` };
      request({ host: "127.0.0.1", port, path: "/api/versions", headers }, (res) =>
        resolve(res.statusCode ?? 0),
      )
        .on("error", reject)
        .end();
    });
    expect(response).toBe(403);
  });
});
