import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { RuleStore } from "../../admin/rule-store.js";
import { keySigner, newSigningKey } from "../../admin/signing/local-signer.js";
import { ruleSetChecksum } from "../../store/checksum.js";
import { MAX_CHUNKS } from "../../store/content-chunks.js";
import { keys } from "../../store/table-items.js";
import { VersionReader } from "../../store/version-reader.js";
import { dropCompressedCopy, editStoredRule } from "../store/stored-copies.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { storeOptions } from "../support/signing.js";
import {
  client,
  events,
  freshTableEachTest,
  loadersTimedBy,
  publish,
  servedVersion,
  store,
  tableName,
} from "./rule-loader-support.js";

describe("RuleLoader against changes made outside publish", () => {
  let clock: number;
  const loaderFor = loadersTimedBy(() => clock);

  freshTableEachTest();
  beforeEach(() => {
    clock = 0;
  });

  const percutaneous = "ecmo-cannula-insertion-percutaneous-33951";

  /** What an attacker with PutItem does: change a rule as stored, then re-stamp the checksum to match. */
  const rewriteContent = async (version: number) => {
    await editStoredRule(client, tableName, version, percutaneous, { code: "33952" });
    const stored = await new VersionReader(client, tableName).readVersion(version);
    await putMeta(version, {
      checksum: ruleSetChecksum(stored?.content ?? editableShippedRules()),
    });
  };

  const putMeta = async (version: number, change: Record<string, unknown>) => {
    const metaKey = { pk: keys.versions, sk: keys.version(version) };
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: metaKey }));
    await client.send(new PutCommand({ TableName: tableName, Item: { ...Item, ...change } }));
  };

  it("refuses a version whose content item was changed and its checksum re-stamped: the signature fails", async () => {
    await publish(editableShippedRules());
    await rewriteContent(1);
    expect(await loaderFor().load({ version: 1 })).toMatchObject({
      ok: false,
      error: {
        kind: "version-rejected",
        version: 1,
        message:
          "rule version 1 refused: its signature does not verify: it was changed outside publish, or never signed",
      },
    });
    expect(await loaderFor().load()).toMatchObject({
      ok: false,
      error: { kind: "rules-unavailable" },
    });
    expect(events).toContainEqual(
      expect.objectContaining({ kind: "version-rejected", version: 1 }),
    );
  });

  it.each<[string, Record<string, unknown> | "copied"]>([
    ["the message", { message: "someone else's reason" }],
    ["the publisher", { actor: "arn:aws:iam::123456789012:user/someone-else" }],
    ["the signature, removed", { signature: undefined }],
    ["the signature, from another version", "copied"],
  ])("refuses a version whose metadata was changed: %s", async (_what, change) => {
    await publish(editableShippedRules());
    await publish(withChangedText("v2"));
    const other = await new VersionReader(client, tableName).versionMeta(1);
    await putMeta(2, change === "copied" ? { signature: other?.signature } : change);
    expect(await loaderFor().load({ version: 2 })).toMatchObject({
      ok: false,
      error: { kind: "version-rejected", message: expect.stringContaining("signature") },
    });
  });

  /** A thousand items put in a version's partition by another hand, under sort keys `prefix<n>`. */
  const addFillers = async (version: number, prefix: string) => {
    const fillers = Array.from({ length: 1_000 }, (_, n) => ({
      PutRequest: {
        Item: {
          pk: keys.content(version),
          sk: `${prefix}${n}`,
          kind: "filler",
          pad: "x".repeat(300),
        },
      },
    }));
    for (let at = 0; at < fillers.length; at += 25)
      await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: fillers.slice(at, at + 25) } }),
      );
  };

  it("refuses a version stored as rows whose partition holds filler items, reading no more than one past its signed count", async () => {
    await publish(editableShippedRules());
    const loader = loaderFor();
    await loader.load();
    await publish(withChangedText("v2"));
    await dropCompressedCopy(client, tableName, 2);
    await addFillers(2, "ZZZ#");
    const meta = await new VersionReader(client, tableName).versionMeta(2);
    const signed = (meta?.ruleCount ?? 0) + (meta?.procedureCount ?? 0);
    const read = await new VersionReader(client, tableName).versionContent(2, undefined, signed);
    expect(read.rules.length + read.procedures.length + read.unknownItems).toBe(signed + 1);

    clock = 5_000;
    expect(await servedVersion(loader)).toEqual({ version: 1, stale: true });
    expect(events).toContainEqual({
      kind: "version-rejected",
      version: 2,
      reason:
        "rule version 2 refused: its partition holds 1 item(s) that are neither rules nor procedures",
    });
  });

  it("refuses a version whose compressed copy was given filler chunks, reading no more than one past the most a version has", async () => {
    await publish(editableShippedRules());
    const loader = loaderFor();
    await loader.load();
    await publish(withChangedText("v2"));
    await addFillers(2, keys.chunk(1));
    const read = await new VersionReader(client, tableName).versionContent(2);
    expect(read).toMatchObject({
      unreadable: `its compressed copy cannot be read: it holds more than the ${MAX_CHUNKS} chunks any version has`,
    });

    clock = 5_000;
    expect(await servedVersion(loader)).toEqual({ version: 1, stale: true });
    expect(events).toContainEqual({
      kind: "version-rejected",
      version: 2,
      reason: `rule version 2 refused: its compressed copy cannot be read: it holds more than the ${MAX_CHUNKS} chunks any version has`,
    });
  });

  it("serves a version with a compressed copy from the copy alone: items added beside its rows are never read", async () => {
    await publish(editableShippedRules());
    await addFillers(1, "ZZZ#");
    expect(await servedVersion(loaderFor())).toEqual({ version: 1, stale: false });
  });

  it("refuses a version signed with another key", async () => {
    const stranger = new RuleStore(
      client,
      tableName,
      storeOptions(keySigner(newSigningKey(), "stranger")),
    );
    const result = await stranger.publish(editableShippedRules(), {
      allowPastChanges: true,
      actor: "mallory",
    });
    expect(result.ok).toBe(true);
    expect(await loaderFor().load()).toMatchObject({
      ok: false,
      error: { kind: "rules-unavailable" },
    });
  });

  it("answers revoked for a revoked version pinned, and for one it had cached once the TTL passes", async () => {
    await publish(editableShippedRules());
    await publish(withChangedText("v2"));
    const loader = loaderFor(5);
    expect(await loader.load({ version: 1 })).toMatchObject({ ok: true, value: { version: 1 } });
    const revoked = await store.revoke(1, { actor: "test", reason: "wrong band for 5-year-olds" });
    expect(revoked.ok).toBe(true);

    clock = 4_999;
    expect(await loader.load({ version: 1 })).toMatchObject({ ok: true, value: { version: 1 } });
    clock = 5_000;
    const refused = {
      ok: false,
      error: {
        kind: "revoked",
        version: 1,
        message: "rule version 1 is revoked: wrong band for 5-year-olds",
      },
    };
    expect(await loader.load({ version: 1 })).toMatchObject(refused);
    expect(await loader.load({ version: 1 })).toMatchObject(refused);
    expect(await loaderFor().load({ version: 1 })).toMatchObject(refused);
    expect(await loader.load()).toMatchObject({ ok: true, value: { version: 2 } });
  });

  it("heals when a revocation of the active version written by another hand is undone, and says why meanwhile", async () => {
    await publish(editableShippedRules());
    const loader = loaderFor(5);
    await putMeta(1, {
      revoked: { at: "2026-12-06T00:00:00.000Z", actor: "?", reason: "by hand" },
    });
    const fresh = loaderFor(5);
    expect(await fresh.load()).toMatchObject({
      ok: false,
      error: {
        kind: "rules-unavailable",
        message: "no good rule version can be served: rule version 1 is revoked: by hand",
      },
    });
    const metaKey = { pk: keys.versions, sk: keys.version(1) };
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: metaKey }));
    const { revoked: _, ...undone } = Item ?? {};
    await client.send(new PutCommand({ TableName: tableName, Item: undone }));
    clock = 5_000;
    expect(await fresh.load()).toMatchObject({ ok: true, value: { version: 1, stale: false } });
    expect(await loader.load()).toMatchObject({ ok: true, value: { version: 1 } });
  });

  describe("the active pointer, written by another hand", () => {
    const pointerKey = { pk: keys.pointer, sk: keys.active };
    const rewritePointer = async (change: Record<string, unknown>) => {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: pointerKey }));
      await client.send(new PutCommand({ TableName: tableName, Item: { ...Item, ...change } }));
    };

    it.each([
      ["moved to an earlier version", { version: 1 }],
      ["moved to a version never published", { version: 9 }],
      ["without a signature, as pointers were before they were signed", { signature: undefined }],
    ])(
      "is not followed when %s: the last good version is served, marked stale",
      async (_, change) => {
        await publish(editableShippedRules());
        await publish(withChangedText("v2"));
        const warm = loaderFor();
        expect(await servedVersion(warm)).toEqual({ version: 2, stale: false });
        await rewritePointer(change);
        clock = 5_000;
        expect(await servedVersion(warm)).toEqual({ version: 2, stale: true });
        expect(events).toContainEqual({
          kind: "pointer-rejected",
          reason: expect.stringContaining("fails its signature: it was changed outside code-rules"),
        });
        expect(await loaderFor().load()).toMatchObject({
          ok: false,
          error: {
            kind: "rules-unavailable",
            message: expect.stringContaining("fails its signature"),
          },
        });
      },
    );

    it("is not followed when an older signed pointer is copied back, nor when it is deleted", async () => {
      await publish(editableShippedRules());
      const { Item: older } = await client.send(
        new GetCommand({ TableName: tableName, Key: pointerKey }),
      );
      await publish(withChangedText("v2"));
      const warm = loaderFor();
      expect(await servedVersion(warm)).toEqual({ version: 2, stale: false });
      await client.send(new PutCommand({ TableName: tableName, Item: older }));
      clock = 5_000;
      expect(await servedVersion(warm)).toEqual({ version: 2, stale: true });
      await client.send(new DeleteCommand({ TableName: tableName, Key: pointerKey }));
      clock = 10_000;
      expect(await servedVersion(warm)).toEqual({ version: 2, stale: true });
      expect(events.filter((e) => e.kind === "pointer-rejected").map((e) => e.reason)).toEqual([
        expect.stringContaining("is older than one already followed (revision 1 after 2)"),
        expect.stringContaining("is gone after a signed one was followed"),
      ]);
    });

    it("keeps a revoked version refused when its revocation is taken out of its metadata", async () => {
      await publish(editableShippedRules());
      await publish(withChangedText("v2"));
      const revoked = await store.revoke(1, { actor: "dana", reason: "wrong band" });
      expect(revoked.ok).toBe(true);
      await putMeta(1, { revoked: undefined });
      const loader = loaderFor();
      await loader.load();
      expect(await loader.load({ version: 1 })).toMatchObject({
        ok: false,
        error: { kind: "revoked", version: 1 },
      });
    });

    it("keeps it refused for an instance whose first request pins it: a pin reads the signed pointer too", async () => {
      await publish(editableShippedRules());
      await publish(withChangedText("v2"));
      expect((await store.revoke(1, { actor: "dana", reason: "wrong band" })).ok).toBe(true);
      await putMeta(1, { revoked: undefined });
      expect(await loaderFor().load({ version: 1 })).toMatchObject({
        ok: false,
        error: { kind: "revoked", version: 1 },
      });
    });
  });
});
