import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDynamoClient } from "../../lambda/store/dynamodb-client.js";
import { RuleStore } from "../../lambda/store/rule-store.js";
import { type LocalServer, startLocalServer } from "../../local/local-server.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { withChangedText } from "../support/rule-sets.js";
import { signer } from "../support/signing.js";

let server: LocalServer;

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: "POST", body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startLocalServer({
    port: 0,
    tableName: "e2e-rules",
    ttlSeconds: 1,
    dataDir: mkdtempSync(join(tmpdir(), "code-rules-e2e-")),
    seedRules: SHIPPED_RULES_DIR,
  });
});

afterAll(async () => {
  await server?.stop();
});

describe("the local server", () => {
  it("seeds the shipped rules as version 1 and answers the quick-start requests", async () => {
    expect(server.seeded).toBe(true);
    const young = await post("/v1/select", {
      procedure: "ecmo-cannula-insertion-percutaneous",
      dateOfBirth: "2020-11-25",
      dateOfService: "2026-11-24",
    });
    expect(young.status).toBe(200);
    expect(young.headers.get("content-type")).toBe("application/json");
    expect(await young.json()).toMatchObject({ code: "33951", ruleVersion: 1 });
    const older = await post("/v1/select", {
      procedure: "ecmo-cannula-insertion-percutaneous",
      dateOfBirth: "2020-11-24",
      dateOfService: "2026-11-24",
    });
    expect(await older.json()).toMatchObject({ code: "33952" });
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

  it("serves a version published while it runs within the TTL, without a restart", async () => {
    const store = new RuleStore(createDynamoClient(), server.tableName, signer);
    const published = await store.publish(withChangedText("published while serving"), {
      actor: "e2e",
    });
    if (!published.ok) throw new Error(published.error.message);
    const started = Date.now();
    let text = "";
    while (Date.now() - started < 3_000) {
      const answer = await post("/v1/select", {
        procedure: "ecmo-cannula-insertion-percutaneous",
        dateOfBirth: "2020-11-25",
        dateOfService: "2026-11-24",
      });
      ({ text } = (await answer.json()) as { text: string });
      if (text === "published while serving") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(text).toBe("published while serving");
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
