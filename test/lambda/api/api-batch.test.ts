import { describe, expect, it } from "vitest";
import { createService } from "../../../lambda/service.js";
import { MemoryRuleSource } from "../../../support/memory-rule-source.js";
import { countingSource } from "../../support/counting-source.js";
import { editableShippedRules, withChangedText } from "../../support/rule-sets.js";
import { call, percutaneous, servingTwoVersions } from "./support.js";

servingTwoVersions();

describe("POST /v1/select/batch", () => {
  it("answers each item on its own, in order", async () => {
    const answer = await call("POST", "/v1/select/batch", {
      items: [
        { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" },
        { ...percutaneous, dateOfBirth: "2026-02-30", dateOfService: "2026-11-24" },
        "not a request",
        {
          procedure: "neonatal-pediatric-critical-care-initial-day",
          dateOfService: "2026-11-24",
          age: { value: 0, unit: "years" },
        },
        { ...percutaneous, dateOfBirth: "2020-11-24", dateOfService: "2026-11-24", ruleVersion: 1 },
      ],
    });
    expect(answer.status).toBe(200);
    const results = answer.body.results as {
      status: number;
      selection?: { code: string; ruleVersion: number };
      problem?: { type: string };
    }[];
    expect(results.map((r) => r.status)).toEqual([200, 400, 400, 422, 200]);
    expect(results[0]?.selection?.code).toBe("33951");
    expect(results[3]?.problem?.type).toBe("urn:code-rules:problem:ambiguous-age");
    expect(results[4]?.selection).toMatchObject({ code: "33952", ruleVersion: 1 });
  });

  it("refuses more than 100 items with 413, and an empty batch with 400", async () => {
    const item = { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" };
    expect(
      (await call("POST", "/v1/select/batch", { items: Array.from({ length: 100 }, () => item) }))
        .status,
    ).toBe(200);
    expect(
      await call("POST", "/v1/select/batch", { items: Array.from({ length: 101 }, () => item) }),
    ).toMatchObject({ status: 413 });
    expect(await call("POST", "/v1/select/batch", { items: [] })).toMatchObject({ status: 400 });
  });
});

describe("after a publish", () => {
  it("reads the new version once for the first batch of 100, whether its items pin it or not", async () => {
    const source = new MemoryRuleSource();
    await source.publish(editableShippedRules(), { actor: "test", message: "v1" });
    const counting = countingSource(source);
    // A TTL of 0: the pointer is read on every request, so the batch after the publish sees it.
    const served = createService({
      tableName: "in-memory",
      source: counting.source,
      ttlSeconds: 0,
      publicKey: source.publicKey,
    });
    const item = { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" };
    await call("POST", "/v1/select", item, served.handle);
    await source.publish(withChangedText("v2 text"), { actor: "test", message: "v2" });

    const batch = await call(
      "POST",
      "/v1/select/batch",
      {
        items: Array.from({ length: 100 }, (_, i) => (i % 2 ? item : { ...item, ruleVersion: 2 })),
      },
      served.handle,
    );
    expect(batch.status).toBe(200);
    expect(
      (batch.body.results as { selection: { text: string } }[]).every(
        (result) => result.selection.text === "v2 text, birth through 5 years",
      ),
    ).toBe(true);
    expect(counting.reads.content).toEqual(
      new Map([
        [1, 1],
        [2, 1],
      ]),
    );
  });
});
