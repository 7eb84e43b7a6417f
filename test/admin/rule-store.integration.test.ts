import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { RuleStore } from "../../admin/rule-store.js";
import { ruleSetChecksum } from "../../store/checksum.js";
import { keys } from "../../store/table-items.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { storeOptions } from "../support/signing.js";
import { client, publishOrThrow, SETUP, store, storeOnFreshTable, table } from "./support.js";

storeOnFreshTable();

describe("RuleStore.publish", () => {
  it("publishes the shipped rules as version 1 and points at it", async () => {
    const shipped = editableShippedRules();
    const meta = await publishOrThrow(shipped, "initial rules");
    expect(meta).toMatchObject({
      version: 1,
      status: "published",
      actor: "alice",
      message: "initial rules",
      ruleCount: shipped.rules.length,
      procedureCount: shipped.procedures.length,
    });
    expect(await store.activePointer()).toMatchObject({ version: 1, actor: "alice" });
    const stored = await store.readVersion(1);
    expect(stored?.content.rules).toHaveLength(shipped.rules.length);
    expect(ruleSetChecksum(stored?.content as never)).toBe(meta.checksum);
  });

  it("records the acting identity and the admin's own note beside it, on the version, the pointer and the audit entry", async () => {
    const change = {
      actor: "arn:aws:sts::123456789012:assumed-role/Admin/dana",
      actorNote: "Dana, billing",
    };
    const published = await store.publish(editableShippedRules(), change);
    expect(published).toMatchObject({ ok: true, value: change });
    expect(await store.activePointer()).toMatchObject(change);
    expect(await store.versionMeta(1)).toMatchObject(change);
    expect(await store.audit()).toEqual([expect.objectContaining(change)]);
  });

  it("refuses a rule whose text states an age", async () => {
    const contradicting = withChangedText(
      "Insert a cannula through the skin, 6 years and older",
      "ecmo-cannula-insertion-percutaneous-33951",
    );
    expect(
      await store.publish(contradicting, { allowPastChanges: true, actor: "alice" }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: "invalid-rules",
        problems: [{ ruleId: "ecmo-cannula-insertion-percutaneous-33951", field: "text" }],
      },
    });
  });

  it("refuses an invalid rule set with every problem, and writes nothing", async () => {
    const broken = editableShippedRules();
    broken.rules[0] = { ...broken.rules[0], code: "339" };
    broken.rules[1] = { ...broken.rules[1], effective: { from: "2015-01-01", to: "2014-01-01" } };
    const result = await store.publish(broken, { allowPastChanges: true, actor: "alice" });
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.kind === "invalid-rules") {
      expect(result.error.problems.map((p) => p.field)).toEqual(
        expect.arrayContaining(["code", "effective.to"]),
      );
    } else throw new Error("expected invalid-rules");
    expect(await store.listVersions()).toEqual([]);
    expect(await store.activePointer()).toBeUndefined();
  });

  it("refuses to publish content identical to the active version", async () => {
    await publishOrThrow(editableShippedRules());
    expect(
      await store.publish(editableShippedRules(), {
        allowPastChanges: true,
        authority: SETUP,
        actor: "bob",
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: "unchanged", version: 1 },
    });
  });

  it("refuses a publish whose expected version is not the active one before it writes anything", async () => {
    await publishOrThrow(editableShippedRules());
    const result = await store.publish(withChangedText("changed"), {
      allowPastChanges: true,
      actor: "bob",
      expectVersion: null,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "conflict",
        expected: null,
        active: 1,
        message:
          "expected no active version to be active, but version 1 is; publish refused; nothing was written",
      },
    });
    expect((await store.listVersions()).map((v) => [v.version, v.status])).toEqual([
      [1, "published"],
    ]);
    expect((await store.activePointer())?.version).toBe(1);
  });

  it("lets exactly one of 20 concurrent publishes win; every loser is told why", async () => {
    await publishOrThrow(editableShippedRules());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.publish(withChangedText(`racer ${i}`), {
          allowPastChanges: true,
          authority: SETUP,
          actor: `racer-${i}`,
          expectVersion: 1,
        }),
      ),
    );
    const winners = results.filter((r) => r.ok);
    const losers = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser).toMatchObject({ kind: "conflict", expected: 1 });
      expect(loser.message).toMatch(
        /^expected version 1 to be active, but version \d+ is; publish of version \d+ refused$/,
      );
    }
    const active = await store.activePointer();
    const winner = winners[0];
    expect(active?.version).toBe(winner?.ok ? winner.value.version : -1);
    const versions = await store.listVersions();
    expect(versions.filter((v) => v.status === "published")).toHaveLength(2);
    expect(versions.filter((v) => v.status === "abandoned")).toHaveLength(19);
  });

  it("publishes a version larger than one transaction (100 items)", async () => {
    const big = editableShippedRules();
    big.procedures.push({ key: "many-bands", name: "A procedure with many yearly bands" });
    for (let year = 0; year < 150; year += 1) {
      const band = {
        label: `${year} years`,
        lower: { value: year, unit: "years", inclusive: true },
        ...(year < 149 ? { upper: { value: year, unit: "years", inclusive: true } } : {}),
      };
      big.rules.push({
        id: `many-bands-${year}`,
        procedure: "many-bands",
        code: "33946",
        text: `Year ${year}`,
        band,
        effective: { from: "2015-01-01" },
        source: "https://example.org/test-fixture",
      });
    }
    const meta = await publishOrThrow(big);
    expect(meta.ruleCount).toBe(big.rules.length);
    expect((await store.readVersion(meta.version))?.content.rules).toHaveLength(big.rules.length);
  });

  it("takes no version number for a publish refused before it writes", async () => {
    await publishOrThrow(editableShippedRules());
    await store.publish(withChangedText("lost"), {
      allowPastChanges: true,
      actor: "bob",
      expectVersion: 7,
    });
    expect((await publishOrThrow(withChangedText("kept"))).version).toBe(2);
  });
});

describe("RuleStore.publish with a signer that fails", () => {
  it("writes no content, no metadata and no audit entry", async () => {
    const failing = new RuleStore(
      client,
      table,
      storeOptions({
        keyId: "unreachable",
        sign: () => Promise.reject(new Error("KMS is unreachable")),
        publicKey: () => Promise.reject(new Error("KMS is unreachable")),
      }),
    );
    await expect(failing.publish(editableShippedRules(), { actor: "alice" })).rejects.toThrow(
      "KMS is unreachable",
    );
    expect(await store.readVersion(1)).toBeUndefined();
    expect(await store.listVersions()).toEqual([]);
    expect(await store.audit()).toEqual([]);
    const content = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.content(1) },
      }),
    );
    expect(content.Items).toEqual([]);
  });
});
