import { describe, expect, it } from "vitest";
import { createService } from "../../../lambda/service.js";
import { MemoryRuleSource } from "../../../support/memory-rule-source.js";
import { editableShippedRules } from "../../support/rule-sets.js";
import { call, percutaneous, servingTwoVersions } from "./support.js";

servingTwoVersions();

describe("the read routes", () => {
  it("lists the active version's procedures with bands, codes, texts and effective periods", async () => {
    const answer = await call("GET", "/v1/procedures");
    expect(answer.body.ruleVersion).toBe(2);
    const procedures = answer.body.procedures as {
      key: string;
      rules: { code: string; text: string; effective: { from: string } }[];
    }[];
    expect(procedures).toHaveLength(editableShippedRules().procedures.length);
    const percutaneousRules = procedures.find(
      (p) => p.key === "ecmo-cannula-insertion-percutaneous",
    )?.rules;
    expect(percutaneousRules?.map((r) => r.code).sort()).toEqual(["33951", "33952", "36822"]);
    expect(percutaneousRules?.find((r) => r.code === "33951")?.text).toBe(
      "version two text, birth through 5 years",
    );
  });

  it("tells the active version, its publish time and message", async () => {
    expect((await call("GET", "/v1/rules")).body).toMatchObject({
      version: 2,
      message: "v2",
      actor: "test",
      ruleCount: editableShippedRules().rules.length,
      publishedAt: expect.stringMatching(/^2\d{3}-/),
    });
  });

  it("reports health 200 with the version served", async () => {
    expect(await call("GET", "/health")).toMatchObject({
      status: 200,
      body: {
        status: "ok",
        ruleVersion: 2,
        ruleCount: editableShippedRules().rules.length,
        stale: false,
      },
    });
  });

  it("serves its OpenAPI 3.1 document", async () => {
    expect((await call("GET", "/openapi.json")).body).toMatchObject({
      openapi: "3.1.0",
      paths: { "/v1/select": {} },
    });
  });

  it("answers 404 for an unknown route and 405 for a wrong method", async () => {
    expect(await call("GET", "/v2/select")).toMatchObject({
      status: 404,
      body: { type: "urn:code-rules:problem:not-found" },
    });
    expect(await call("GET", "/v1/select")).toMatchObject({
      status: 405,
      headers: { allow: "POST" },
    });
  });
});

describe("with no rule version published", () => {
  it("answers 503 with Retry-After on every selection, and health 503", async () => {
    const none = new MemoryRuleSource();
    const empty = createService({
      tableName: "in-memory",
      source: none,
      publicKey: none.publicKey,
      ttlSeconds: 5,
    });
    const select = await call(
      "POST",
      "/v1/select",
      { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" },
      empty.handle,
    );
    expect(select).toMatchObject({
      status: 503,
      headers: { "retry-after": "5" },
      body: { type: "urn:code-rules:problem:rules-unavailable" },
    });
    expect(await call("GET", "/health", undefined, empty.handle)).toMatchObject({
      status: 503,
      headers: { "retry-after": "5" },
    });
  });
});

describe("with an active version that holds no rules", () => {
  it("reports health 503, naming the empty version", async () => {
    const source = new MemoryRuleSource();
    await source.publish({ procedures: [], rules: [] }, { actor: "test", message: "empty" });
    const empty = createService({
      tableName: "in-memory",
      source,
      ttlSeconds: 5,
      publicKey: source.publicKey,
    });
    expect(await call("GET", "/health", undefined, empty.handle)).toMatchObject({
      status: 503,
      body: { detail: "active rule version 1 holds no rules: every selection is refused" },
    });
  });
});
