import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { signVersion } from "../../admin/signing/sign-version.js";
import { RuleLoader } from "../../lambda/rule-loader.js";
import type { RuleSource } from "../../lambda/rule-source.js";
import { ruleSetChecksum } from "../../store/checksum.js";
import { keys } from "../../store/table-items.js";
import { VersionReader } from "../../store/version-reader.js";
import {
  dropCompressedCopy,
  editItem,
  editStoredRule,
  rewriteCompressedCopy,
} from "../store/stored-copies.js";
import { countingSource } from "../support/counting-source.js";
import { holdPerformanceClock } from "../support/held-clock.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { signedPointer, signer, verify } from "../support/signing.js";
import {
  client,
  events,
  freshTableEachTest,
  loadersTimedBy,
  publish,
  servedVersion,
  tableName,
} from "./rule-loader-support.js";

let clock: number;
const loaderFor = loadersTimedBy(() => clock);

freshTableEachTest();
beforeEach(() => {
  clock = 0;
});

describe("RuleLoader", () => {
  it("answers rules-unavailable while no version has been published", async () => {
    expect(await loaderFor().load()).toMatchObject({
      ok: false,
      error: { kind: "rules-unavailable" },
    });
  });

  it("serves the active version, validated, with its metadata", async () => {
    await publish(editableShippedRules());
    const loaded = await loaderFor().load();
    expect(loaded).toMatchObject({ ok: true, value: { version: 1, actor: "test", stale: false } });
    expect(loaded.ok && loaded.value.ruleSet.rules).toHaveLength(
      editableShippedRules().rules.length,
    );
    expect(events).toEqual([{ kind: "version-loaded", version: 1 }]);
  });

  it("reads the pointer once per TTL: a new version is served within the TTL, not before", async () => {
    await publish(editableShippedRules());
    const loader = loaderFor(5);
    expect(await servedVersion(loader)).toEqual({ version: 1, stale: false });
    await publish(withChangedText("v2"));
    clock = 4_999;
    expect(await servedVersion(loader)).toEqual({ version: 1, stale: false });
    clock = 5_000;
    expect(await servedVersion(loader)).toEqual({ version: 2, stale: false });
  });

  it("runs its TTL on performance.now() when given no clock: a new version is served once the TTL has passed on it, not before", async () => {
    await publish(editableShippedRules());
    const held = holdPerformanceClock();
    try {
      const loader = new RuleLoader({
        source: new VersionReader(client, tableName),
        verify,
        ttlSeconds: 1,
      });
      expect(await servedVersion(loader)).toEqual({ version: 1, stale: false });
      await publish(withChangedText("v2"));
      held.advance(999);
      expect(await servedVersion(loader)).toEqual({ version: 1, stale: false });
      held.advance(1);
      expect(await servedVersion(loader)).toEqual({ version: 2, stale: false });
    } finally {
      held.release();
    }
  });

  it("serves a version the pointer names at once, even when its version list was read while that version was staged", async () => {
    await publish(editableShippedRules());
    const reader = new VersionReader(client, tableName);
    const pointingAt1 = await reader.activePointer();
    await publish(withChangedText("v2"));
    // The table as it was mid-publish until `moved`: version 2 staged, the pointer still on 1.
    let moved = false;
    const source: RuleSource = {
      activePointer: async (signal) => (moved ? reader.activePointer(signal) : pointingAt1),
      listVersions: async (signal) =>
        (await reader.listVersions(signal)).map((meta) =>
          moved || meta.version !== 2 ? meta : { ...meta, status: "staged" as const },
        ),
      versionContent: (version, signal, atMost) => reader.versionContent(version, signal, atMost),
    };
    const loader = loaderFor(5, source);
    expect(await servedVersion(loader)).toEqual({ version: 1, stale: false });
    clock = 5_001;
    // A pin of another version reads the list anew, while version 2 is staged.
    expect(await loader.load({ version: 9 })).toMatchObject({ ok: false });
    moved = true;
    clock = 10_000;
    expect(await servedVersion(loader)).toEqual({ version: 2, stale: false });
  });

  it("shares one pointer read, one version list and one content read among concurrent requests", async () => {
    await publish(editableShippedRules());
    const counting = countingSource(new VersionReader(client, tableName));
    const loader = loaderFor(5, counting.source);
    await Promise.all(Array.from({ length: 50 }, () => loader.load()));
    expect(counting.reads).toEqual({ pointer: 1, list: 1, content: new Map([[1, 1]]) });
  });

  it("serves a version stored while bands carried labels of their own, and drops the labels", async () => {
    const content = editableShippedRules();
    for (const rule of content.rules)
      (rule.band as Record<string, unknown>).label = "a label stored by an older publish";
    const at = "2026-01-01T00:00:00.000Z";
    const meta = await signVersion(signer, {
      version: 1,
      status: "published" as const,
      actor: "alice",
      message: "",
      createdAt: at,
      publishedAt: at,
      ruleCount: content.rules.length,
      procedureCount: content.procedures.length,
      checksum: ruleSetChecksum(content),
    });
    const pointer = await signedPointer(1, at);
    const loaded = await loaderFor(5, {
      activePointer: async () => pointer,
      listVersions: async () => [meta],
      versionContent: async () => ({ ...content, unknownItems: 0 }),
    }).load();
    expect(loaded.ok).toBe(true);
    for (const rule of loaded.ok ? loaded.value.ruleSet.rules : [])
      expect(rule.band).not.toHaveProperty("label");
  });

  it("serves a pinned version, and refuses one that does not exist", async () => {
    await publish(editableShippedRules());
    await publish(withChangedText("v2"));
    const loader = loaderFor();
    expect(await loader.load({ version: 1 })).toMatchObject({ ok: true, value: { version: 1 } });
    expect(await loader.load({ version: 3 })).toMatchObject({
      ok: false,
      error: { kind: "version-not-found", version: 3 },
    });
  });

  // The same refusal, word for word, whichever form the loader read.
  it.each([
    ["in its rows, as a version is stored that was published before compressed copies", "rows"],
    ["in its compressed copy", "chunks"],
  ] as const)(
    "never serves a version whose content was corrupted by hand %s, and keeps serving the last good one",
    async (_, form) => {
      await publish(editableShippedRules());
      const loader = loaderFor();
      expect(await servedVersion(loader)).toEqual({ version: 1, stale: false });
      await publish(withChangedText("v2"));
      const ruleId = "ecmo-cannula-insertion-percutaneous-33951";
      if (form === "rows") {
        await dropCompressedCopy(client, tableName, 2);
        const key = { pk: keys.content(2), sk: keys.rule(ruleId) };
        await editItem(client, tableName, key, (item) => ({
          ...item,
          rule: { ...(item.rule as object), code: "33952" },
        }));
      } else {
        await rewriteCompressedCopy(client, tableName, 2, (content) => ({
          ...content,
          rules: content.rules.map((rule) =>
            (rule as { id: string }).id === ruleId ? { ...(rule as object), code: "33952" } : rule,
          ),
        }));
      }

      clock = 5_000;
      expect(await servedVersion(loader)).toEqual({ version: 1, stale: true });
      expect(events).toContainEqual({
        kind: "version-rejected",
        version: 2,
        reason: "rule version 2 refused: its content does not match its checksum",
      });
      expect(await loader.load({ version: 2 })).toMatchObject({
        ok: false,
        error: { kind: "version-rejected", version: 2 },
      });
    },
  );

  it("never serves a version whose metadata checksum was corrupted, nor one that no longer validates", async () => {
    await publish(editableShippedRules());
    await publish(withChangedText("v2"));
    const metaKey = { pk: keys.versions, sk: keys.version(2) };
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: metaKey }));
    await client.send(
      new PutCommand({ TableName: tableName, Item: { ...Item, checksum: "0".repeat(64) } }),
    );
    await editStoredRule(client, tableName, 1, "ecmo-cannula-insertion-percutaneous-33951", {
      code: "not a code",
    });

    const loader = loaderFor();
    expect(await loader.load()).toMatchObject({ ok: false, error: { kind: "rules-unavailable" } });
    expect(await loader.load({ version: 1 })).toMatchObject({
      ok: false,
      error: { kind: "version-rejected", message: expect.stringContaining("does not validate") },
    });
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: "version-rejected",
        version: 2,
        reason: expect.stringContaining("checksum"),
      }),
    );
  });
});
