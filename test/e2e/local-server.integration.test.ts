import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RuleStore } from "../../admin/rule-store.js";
import { type CodeRulesClient, createCodeRulesClient } from "../../client/index.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../local/dynamodb-local.js";
import { type LocalApi, startLocalApi } from "../../local/local-api.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { holdPerformanceClock } from "../support/held-clock.js";
import { withChangedText } from "../support/rule-sets.js";
import { SETUP } from "../support/setup-authority.js";
import { storeOptions } from "../support/signing.js";
import { PROJECT_ROOT } from "../support/source-imports.js";

const TTL_SECONDS = 1;
let server: LocalApi;
let client: CodeRulesClient;

const TSX = join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const script = (name: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, [TSX, join(PROJECT_ROOT, "scripts", name), ...args], {
    encoding: "utf8",
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

/** The admin side on the server's own DynamoDB Local and table, as an admin's CLI would be. */
const storeOnServer = () =>
  new RuleStore(
    createDynamoClient({
      endpoint: server.dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
    server.tableName,
    storeOptions(),
  );

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: "POST", body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startLocalApi({
    port: 0,
    tableName: "e2e-rules",
    ttlSeconds: TTL_SECONDS,
    dataDir: mkdtempSync(join(tmpdir(), "code-rules-e2e-")),
    seedRules: SHIPPED_RULES_DIR,
  });
  client = createCodeRulesClient({ baseUrl: server.url });
});

afterAll(async () => {
  await server?.stop();
});

describe("the local server", () => {
  it("seeds the shipped rules as version 1 and answers the quick-start requests", async () => {
    expect(server.seeded).toBe(true);
    const young = await client.select({
      procedure: "ecmo-cannula-insertion-percutaneous",
      dateOfBirth: "2020-11-25",
      dateOfService: "2026-11-24",
    });
    expect(young).toMatchObject({
      ok: true,
      status: 200,
      value: { code: "33951", ruleVersion: 1 },
    });
    const older = await client.select({
      procedure: "ecmo-cannula-insertion-percutaneous",
      dateOfBirth: "2020-11-24",
      dateOfService: "2026-11-24",
    });
    expect(older).toMatchObject({ ok: true, value: { code: "33952" } });
  });

  it("checks a billed 33952: not consistent the day before the 6th birthday (33951 expected), consistent on it", async () => {
    const claim = { code: "33952", dateOfService: "2026-11-24" };
    const young = await client.check({ ...claim, dateOfBirth: "2020-11-25" });
    expect(young).toMatchObject({ ok: true, value: { consistent: false, expected: ["33951"] } });
    const sixth = await client.check({ ...claim, dateOfBirth: "2020-11-24" });
    expect(sixth).toMatchObject({ ok: true, value: { consistent: true, expected: ["33952"] } });
  });

  it("serves a contract Redocly's recommended rules find nothing in", async () => {
    const lint = await script("lint-contract.ts", `${server.url}/openapi.json`);
    expect(lint.stdout).toContain("0 errors, 0 warnings");
    expect(lint.code).toBe(0);
  });

  it("serves the API reference page npm run docs builds at /docs", async () => {
    await promisify(execFile)("npm", ["run", "-s", "docs"], { cwd: PROJECT_ROOT });
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    expect(html).toContain("<title>code-rules API reference</title>");
    expect(html).toContain("Check a billed code against the patient");
  });

  it("passes the smoke test, signed (the local server ignores the signature) and not", async () => {
    const signed = await script("smoke.ts", "--url", server.url);
    expect(signed.stdout).toMatch(
      /smoke health +ok +200\nsmoke select +ok +200\nsmoke check +ok +200\n/,
    );
    expect(signed.code).toBe(0);
    expect((await script("smoke.ts", "--url", server.url, "--unsigned")).code).toBe(0);
  });

  it("answers problems as problem+json over HTTP, malformed JSON and unknown routes included", async () => {
    const malformed = await fetch(`${server.url}/v1/select`, { method: "POST", body: "{" });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toBe("application/problem+json");
    expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    const big = await fetch(`${server.url}/v1/select`, {
      method: "POST",
      body: "x".repeat(2 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
  });

  it("serves a version published while it runs once its TTL has passed, not before, without a restart", async () => {
    const store = storeOnServer();
    const served = async () => {
      const answer = await post("/v1/select", {
        procedure: "ecmo-cannula-insertion-percutaneous",
        dateOfBirth: "2020-11-25",
        dateOfService: "2026-11-24",
      });
      return (await answer.json()) as { text: string; ruleVersion: number };
    };
    // The server's loader runs its TTL on performance.now(): held, the TTL is tested to the
    // millisecond, however long a request takes on this machine.
    const clock = holdPerformanceClock();
    try {
      // Past whatever TTL window is open, so the pointer is read now, before the publish.
      clock.advance(TTL_SECONDS * 1000);
      const before = await served();
      const published = await store.publish(withChangedText("published while serving"), {
        allowPastChanges: true,
        authority: SETUP,
        actor: "e2e",
      });
      if (!published.ok) throw new Error(published.error.message);

      clock.advance(TTL_SECONDS * 1000 - 1);
      expect(await served()).toEqual(before);
      clock.advance(1);
      expect(await served()).toMatchObject({
        text: "published while serving, birth through 5 years",
        ruleVersion: published.value.version,
      });
    } finally {
      clock.release();
    }
  });

  it("answers with both edits of two change requests from one base, the second rebased onto the first", async () => {
    const store = storeOnServer();
    const { requests } = store;
    const [alex, sam] = [{ actor: "alex" }, { actor: "sam" }];
    // Both edit the version active now, as an admin edits an export of it.
    const active = await store.readPublished((await store.activePointer())?.version ?? 0);
    if (!active.ok) throw new Error(active.error.message);
    const propose = async (text: string, ruleId: string) => {
      const content = structuredClone(active.value.ruleSet);
      const rule = content.rules.find((r) => r.id === ruleId);
      if (rule) rule.text = text;
      const created = await requests.create({ title: text, content, allowPastChanges: true }, alex);
      if (!created.ok) throw new Error(created.error.message);
      return created.value.number;
    };
    const approvedAndPublished = async (number: number) => {
      await requests.approve(number, sam);
      const published = await requests.publish(number, sam);
      if (!published.ok) throw new Error(published.error.message);
    };
    const first = await propose("First edit", "ecmo-cannula-insertion-percutaneous-33951");
    const second = await propose("Second edit", "ecmo-cannula-insertion-percutaneous-33952");
    await approvedAndPublished(first);
    expect(await requests.rebase(second, alex)).toMatchObject({
      ok: true,
      value: { conflicts: [] },
    });
    await approvedAndPublished(second);

    const textOn = async (dateOfBirth: string) => {
      const answer = await post("/v1/select", {
        procedure: "ecmo-cannula-insertion-percutaneous",
        dateOfBirth,
        dateOfService: "2026-11-24",
      });
      return ((await answer.json()) as { text: string }).text;
    };
    const clock = holdPerformanceClock();
    try {
      // Well past any TTL window an earlier test's held clock left open.
      clock.advance(10 * TTL_SECONDS * 1000);
      expect(await textOn("2020-11-25")).toBe("First edit, birth through 5 years");
      expect(await textOn("2010-11-25")).toBe("Second edit, 6 years and older");
    } finally {
      clock.release();
    }
  });
});
