import { createHash } from "node:crypto";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { signingPayload } from "../../store/signature.js";
import { isMoveRecord, keys } from "../../store/table-items.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { client, publishOrThrow, SETUP, store, storeOnFreshTable, table } from "./support.js";

storeOnFreshTable();

/** An entry rewritten by someone who knows the hash recipe but not the signing key. */
const rehashed = (item: Record<string, unknown>) => {
  const { pk, sk, hash: _, signature, sequence, previousHash, ...record } = item;
  const hash = createHash("sha256")
    .update(signingPayload({ ...record, sequence, previousHash }))
    .digest("hex");
  return { pk, sk, ...record, sequence, previousHash, hash, signature };
};

describe("the audit trail", () => {
  it("chains every entry to the one before, numbered and signed, and verifies", async () => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("two"));
    await store.rollback(1, {
      allowPastChanges: true,
      authority: SETUP,
      actor: "carol",
      message: "undo",
    });
    await store.revoke(2, { actor: "dana", reason: "wrong text" });
    const entries = (await store.audit()).filter(isMoveRecord);
    expect(entries.map((e) => [e.sequence, e.action, e.toVersion])).toEqual([
      [4, "revoke", 2],
      [3, "rollback", 1],
      [2, "publish", 2],
      [1, "publish", 1],
    ]);
    for (const [newer, older] of entries.slice(0, -1).map((e, i) => [e, entries[i + 1]] as const))
      expect(newer.previousHash).toBe(older?.hash);
    expect(entries.at(-1)?.previousHash).toBe("");
    expect(await store.verifyAudit()).toEqual({
      ok: true,
      entries: 4,
      head: entries[0]?.hash,
      anchored: { where: "this process's memory", sequence: 4 },
    });
  });

  it("keeps one chain under concurrent publishes and revocations", async () => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("two"));
    await publishOrThrow(withChangedText("three"));
    const [published, revoked] = await Promise.all([
      store.publish(withChangedText("four"), {
        allowPastChanges: true,
        authority: SETUP,
        actor: "erin",
      }),
      store.revoke(1, { actor: "frank", reason: "superseded" }),
    ]);
    expect([published.ok, revoked.ok]).toEqual([true, true]);
    expect(await store.verifyAudit()).toMatchObject({ ok: true, entries: 5 });
  });

  it.each<[string, Record<string, unknown> | "rehashed", string]>([
    [
      "its actor",
      { actor: "arn:aws:iam::123456789012:user/someone-else" },
      "its content does not match its hash",
    ],
    ["its message, hash recomputed", "rehashed", "its signature does not verify"],
    [
      "its link to the one before",
      { previousHash: "0".repeat(64) },
      "it does not carry the hash of the entry before it",
    ],
  ])("names the first entry whose %s was changed directly", async (_what, change, reason) => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("two"));
    await publishOrThrow(withChangedText("three"));
    const second = (await store.audit()).filter(isMoveRecord).find((e) => e.sequence === 2);
    const items = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.audit },
      }),
    );
    const item = items.Items?.find((i) => i.sequence === 2);
    const rewritten =
      change === "rehashed"
        ? rehashed({ ...item, message: "nothing to see" })
        : { ...item, ...change };
    await client.send(new PutCommand({ TableName: table, Item: rewritten }));
    expect(await store.verifyAudit()).toMatchObject({
      ok: false,
      entry: { sequence: 2, toVersion: second?.toVersion },
      reason,
    });
  });
});

describe("the notes an admin writes about a change", () => {
  it("are refused on publish, rollback and revoke when not plain text or too long, and nothing is written", async () => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("two"));
    const before = await store.audit();
    expect(
      await store.publish(withChangedText("three"), {
        allowPastChanges: true,
        actor: "dana",
        message: "<b>2027</b>",
      }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: "invalid-note",
        field: "message",
        message:
          "the message must not hold markup characters < or > (< at character 1); nothing was written",
      },
    });
    expect(
      await store.rollback(1, {
        allowPastChanges: true,
        actor: "dana",
        actorNote: "dana\nrolled back by root",
      }),
    ).toMatchObject({ ok: false, error: { kind: "invalid-note", field: "actorNote" } });
    expect(await store.revoke(1, { actor: "dana", reason: "r".repeat(501) })).toMatchObject({
      ok: false,
      error: { kind: "invalid-note", field: "reason" },
    });
    expect(await store.audit()).toEqual(before);
    expect(await store.activePointer()).toMatchObject({ version: 2 });
    expect(await store.versionMeta(3)).toBeUndefined();
    expect((await store.versionMeta(1))?.revoked).toBeUndefined();
  });
});
