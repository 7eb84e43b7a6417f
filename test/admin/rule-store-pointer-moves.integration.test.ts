import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { isMoveRecord, keys } from "../../store/table-items.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { client, publishOrThrow, SETUP, store, storeOnFreshTable, table } from "./support.js";

storeOnFreshTable();

describe("RuleStore.rollback", () => {
  it("moves the pointer back to an earlier version and records it in the audit trail", async () => {
    await publishOrThrow(editableShippedRules(), "first");
    await publishOrThrow(withChangedText("second text"), "second");
    const result = await store.rollback(1, {
      allowPastChanges: true,
      authority: SETUP,
      actor: "carol",
      message: "undo",
    });
    expect(result).toMatchObject({ ok: true, value: { version: 1 } });
    expect((await store.activePointer())?.version).toBe(1);
    const audit = (await store.audit()).filter(isMoveRecord);
    expect(audit.map((e) => [e.action, e.fromVersion, e.toVersion, e.actor])).toEqual([
      ["rollback", 2, 1, "carol"],
      ["publish", 1, 2, "alice"],
      ["publish", null, 1, "alice"],
    ]);
    for (const entry of audit) expect(Date.parse(entry.at)).not.toBeNaN();
  });

  it("refuses to roll back to a version that was never published or is already active", async () => {
    await publishOrThrow(editableShippedRules());
    expect(await store.rollback(9, { allowPastChanges: true, actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "version-not-found", version: 9 },
    });
    expect(await store.rollback(1, { allowPastChanges: true, actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "already-active", version: 1 },
    });
  });

  it("refuses to roll back to an abandoned version", async () => {
    await publishOrThrow(editableShippedRules());
    await store.publish(withChangedText("lost"), {
      allowPastChanges: true,
      actor: "bob",
      expectVersion: null,
    });
    expect(await store.rollback(2, { allowPastChanges: true, actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "version-not-found" },
    });
  });

  it("refuses a rollback when the active version moved since the admin looked", async () => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("two"));
    await publishOrThrow(withChangedText("three"));
    expect(
      await store.rollback(1, { allowPastChanges: true, actor: "carol", expectVersion: 2 }),
    ).toMatchObject({
      ok: false,
      error: { kind: "conflict", expected: 2, active: 3 },
    });
    expect((await store.activePointer())?.version).toBe(3);
  });
});

describe("RuleStore.rollback of a version changed outside publish", () => {
  it.each([
    ["its checksum", { checksum: "0".repeat(64) }, "does not match its checksum"],
    ["its message", { message: "rewritten" }, "its signature does not verify"],
  ])("is refused when %s was changed, and the pointer stays", async (_what, change, reason) => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("two"));
    const metaKey = { pk: keys.versions, sk: keys.version(1) };
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: metaKey }));
    await client.send(new PutCommand({ TableName: table, Item: { ...Item, ...change } }));
    expect(await store.rollback(1, { allowPastChanges: true, actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "tampered", version: 1, message: expect.stringContaining(reason) },
    });
    expect((await store.activePointer())?.version).toBe(2);
    // Read for the admin side (export, diff, impact, the studio), it is refused the same way.
    expect(await store.readPublished(1)).toMatchObject({
      ok: false,
      error: { kind: "tampered", version: 1, message: expect.stringContaining(reason) },
    });
    expect(await store.readPublished(2)).toMatchObject({
      ok: true,
      value: { meta: { version: 2 } },
    });
  });
});

describe("RuleStore.revoke", () => {
  it("marks a published version revoked, with who and why, and refuses to make it active again", async () => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("two"));
    const revoked = await store.revoke(1, { actor: "dana", reason: "wrong band" });
    expect(revoked).toMatchObject({
      ok: true,
      value: { version: 1, revoked: { actor: "dana", reason: "wrong band" } },
    });
    expect((await store.versionMeta(1))?.revoked).toMatchObject({ reason: "wrong band" });
    expect(await store.rollback(1, { allowPastChanges: true, actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "revoked", version: 1 },
    });
  });

  it("refuses the active version, an unknown one and one already revoked, writing nothing", async () => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("two"));
    expect(await store.revoke(2, { actor: "dana", reason: "x" })).toMatchObject({
      ok: false,
      error: {
        kind: "already-active",
        message: "version 2 is active; roll back from it before revoking it",
      },
    });
    expect(await store.revoke(9, { actor: "dana", reason: "x" })).toMatchObject({
      ok: false,
      error: { kind: "version-not-found" },
    });
    await store.revoke(1, { actor: "dana", reason: "x" });
    expect(await store.revoke(1, { actor: "dana", reason: "again" })).toMatchObject({
      ok: false,
      error: { kind: "revoked", message: "version 1 is already revoked" },
    });
    expect((await store.audit()).map((e) => e.action)).toEqual(["revoke", "publish", "publish"]);
  });
});
