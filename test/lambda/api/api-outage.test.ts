import { describe, expect, it } from "vitest";
import { createService } from "../../../lambda/service.js";
import { MemoryRuleSource } from "../../../support/memory-rule-source.js";
import { countingSource } from "../../support/counting-source.js";
import { editableShippedRules } from "../../support/rule-sets.js";
import { call, percutaneous } from "./support.js";

describe("when the rules store cannot be reached", () => {
  const storeErrors = [
    Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8300"), { name: "Error" }),
    Object.assign(new Error("Requested resource not found"), {
      name: "ResourceNotFoundException",
    }),
    Object.assign(
      new Error(
        "User: arn:aws:sts::123456789012:assumed-role/code-rules/fn is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/rules",
      ),
      { name: "AccessDeniedException" },
    ),
  ];
  const internals =
    /ECONNREFUSED|8300|ResourceNotFound|Requested resource|AccessDenied|arn:aws|123456789012/;
  const item = { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" };

  const downService = async (error: Error) => {
    const source = new MemoryRuleSource();
    await source.publish(editableShippedRules(), { actor: "test", message: "shipped" });
    const counting = countingSource(source);
    counting.fail(error);
    return createService({
      tableName: "in-memory",
      source: counting.source,
      ttlSeconds: 5,
      publicKey: source.publicKey,
    });
  };

  it.each(storeErrors)(
    "answers a batch whose every item meets the outage 503, and no problem carries the store's text ($name)",
    async (error) => {
      const down = await downService(error);
      const batch = await call(
        "POST",
        "/v1/select/batch",
        { items: Array.from({ length: 100 }, (_, i) => ({ ...item, ruleVersion: (i % 3) + 1 })) },
        down.handle,
      );
      expect(batch).toMatchObject({
        status: 503,
        headers: { "retry-after": "5" },
        body: {
          type: "urn:code-rules:problem:rules-unavailable",
          detail: "none of the 100 items could be answered: no good rule version can be served",
        },
      });
      const answers = [
        batch,
        await call("POST", "/v1/select", item, down.handle),
        await call("POST", "/v1/select", { ...item, ruleVersion: 1 }, down.handle),
        await call("POST", "/v1/select/batch", { items: [item] }, down.handle),
        await call("GET", "/health", undefined, down.handle),
        await call("GET", "/v1/rules", undefined, down.handle),
        await call("GET", "/v1/procedures", undefined, down.handle),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(JSON.stringify(answer.body)).not.toMatch(internals);
      }
    },
  );

  it("answers 200 for a batch in which some items are answered, each failed item a 503 of its own", async () => {
    const down = await downService(storeErrors[0] as Error);
    const batch = await call(
      "POST",
      "/v1/select/batch",
      { items: [item, { procedure: "x" }] },
      down.handle,
    );
    expect(batch).toMatchObject({
      status: 200,
      body: { results: [{ status: 503 }, { status: 400 }] },
    });
  });
});
