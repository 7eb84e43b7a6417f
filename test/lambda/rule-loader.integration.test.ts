import { type AddressInfo, createServer, type Socket } from "node:net";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createRulesTable } from "../../admin/create-table.js";
import { RuleStore } from "../../admin/rule-store.js";
import { keySigner, newSigningKey } from "../../admin/signing/local-signer.js";
import { type LoaderEvent, RuleLoader, type RuleSource } from "../../lambda/rule-loader.js";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local.js";
import { ruleSetChecksum } from "../../store/checksum.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { keys } from "../../store/table-items.js";
import { VersionReader } from "../../store/version-reader.js";
import { signVersion } from "../../store/version-signature.js";
import { countingSource } from "../support/counting-source.js";
import { holdPerformanceClock } from "../support/held-clock.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { signer, verify } from "../support/signing.js";
import { dynamoClient, freshTable } from "../support/tables.js";

const client = dynamoClient();
let tableName: string;
let store: RuleStore;
let events: LoaderEvent[];
let clock: number;

const loaderFor = (ttlSeconds = 5, source: RuleSource = new VersionReader(client, tableName)) =>
  new RuleLoader({
    source,
    verify,
    ttlSeconds,
    report: (event) => events.push(event),
    now: () => clock,
  });

const publish = async (input: unknown) => {
  const result = await store.publish(input, { actor: "test" });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.version;
};

const servedVersion = async (loader: RuleLoader) => {
  const loaded = await loader.load();
  return loaded.ok
    ? { version: loaded.value.version, stale: loaded.value.stale }
    : loaded.error.kind;
};

beforeEach(async () => {
  tableName = await freshTable();
  store = new RuleStore(client, tableName, signer);
  events = [];
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
      versionContent: (version, signal) => reader.versionContent(version, signal),
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
    const loaded = await loaderFor(5, {
      activePointer: async () => ({ version: 1, updatedAt: at, actor: "alice" }),
      listVersions: async () => [meta],
      versionContent: async () => content,
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

  it("never serves a version whose content was corrupted by hand, and keeps serving the last good one", async () => {
    await publish(editableShippedRules());
    const loader = loaderFor();
    expect(await servedVersion(loader)).toEqual({ version: 1, stale: false });
    await publish(withChangedText("v2"));
    const key = { pk: keys.content(2), sk: keys.rule("ecmo-cannula-insertion-percutaneous-33951") };
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key }));
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...Item, rule: { ...Item?.rule, code: "33952" } },
      }),
    );

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
  });

  it("never serves a version whose metadata checksum was corrupted, nor one that no longer validates", async () => {
    await publish(editableShippedRules());
    await publish(withChangedText("v2"));
    const metaKey = { pk: keys.versions, sk: keys.version(2) };
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: metaKey }));
    await client.send(
      new PutCommand({ TableName: tableName, Item: { ...Item, checksum: "0".repeat(64) } }),
    );
    const contentKey = {
      pk: keys.content(1),
      sk: keys.rule("ecmo-cannula-insertion-percutaneous-33951"),
    };
    const content = await client.send(new GetCommand({ TableName: tableName, Key: contentKey }));
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...content.Item, rule: { ...content.Item?.rule, code: "not a code" } },
      }),
    );

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

describe("RuleLoader during a DynamoDB outage", () => {
  let outage: DynamoDbLocal;
  let outageClient: ReturnType<typeof createDynamoClient>;
  const table = "rules-outage";

  beforeAll(async () => {
    outage = await startDynamoDbLocal();
    outageClient = createDynamoClient({
      endpoint: outage.endpoint,
      timeoutMs: 500,
      maxAttempts: 1,
    });
    await createRulesTable(createDynamoClient({ endpoint: outage.endpoint }), table);
    // One family: the first load must fit the 500 ms read timeout on a busy machine, and what is
    // tested here is the outage, not the size of the rule set.
    const oneFamily = editableShippedRules();
    oneFamily.procedures = oneFamily.procedures.filter((p) => String(p.key).startsWith("ecmo-"));
    oneFamily.rules = oneFamily.rules.filter((r) => String(r.procedure).startsWith("ecmo-"));
    const result = await new RuleStore(outageClient, table, signer).publish(oneFamily, {
      actor: "test",
    });
    if (!result.ok) throw new Error(result.error.message);
  });

  afterAll(async () => {
    await outage.stop();
  });

  it("serves the cached version, stale, from a warm loader, and refuses from a cold one, each after one read", async () => {
    const warmReads = countingSource(new VersionReader(outageClient, table));
    const warm = new RuleLoader({
      source: warmReads.source,
      verify,
      ttlSeconds: 5,
      timeoutMs: 500,
      now: () => clock,
      report: (e) => events.push(e),
    });
    expect(await servedVersion(warm)).toEqual({ version: 1, stale: false });
    const { pointer, list } = warmReads.reads;

    await outage.stop();
    clock = 5_000;
    expect(await servedVersion(warm)).toEqual({ version: 1, stale: true });
    // One read, however the store fails, so a request waits for one read's timeout at most; the
    // next test shows that timeout cuts a read off.
    expect(warmReads.reads).toEqual({ pointer: pointer + 1, list, content: new Map([[1, 1]]) });
    expect(events).toContainEqual(expect.objectContaining({ kind: "store-unreachable" }));

    const coldReads = countingSource(new VersionReader(outageClient, table));
    const cold = new RuleLoader({
      source: coldReads.source,
      verify,
      ttlSeconds: 5,
      timeoutMs: 500,
      now: () => clock,
    });
    expect(await cold.load()).toMatchObject({ ok: false, error: { kind: "rules-unavailable" } });
    expect(coldReads.reads).toEqual({ pointer: 1, list: 0, content: new Map() });
  });

  it("cuts off a read the store never answers at its timeout, and serves what it has", async () => {
    const stalled = await stalledStore();
    // The client would wait for ten minutes: only the loader's own timeout can end these reads.
    const hanging = createDynamoClient({
      endpoint: stalled.endpoint,
      timeoutMs: 600_000,
      maxAttempts: 1,
    });
    try {
      await publish(editableShippedRules());
      let reader = new VersionReader(client, tableName);
      const source: RuleSource = {
        activePointer: (signal) => reader.activePointer(signal),
        listVersions: (signal) => reader.listVersions(signal),
        versionContent: (version, signal) => reader.versionContent(version, signal),
      };
      const loader = (report?: (event: LoaderEvent) => void) =>
        new RuleLoader({ source, verify, ttlSeconds: 5, timeoutMs: 200, now: () => clock, report });
      const warm = loader((e) => events.push(e));
      expect(await servedVersion(warm)).toEqual({ version: 1, stale: false });

      reader = new VersionReader(hanging, tableName);
      clock = 5_000;
      expect(await servedVersion(warm)).toEqual({ version: 1, stale: true });
      expect(await loader().load()).toMatchObject({
        ok: false,
        error: { kind: "rules-unavailable" },
      });
      expect(events).toContainEqual({
        kind: "store-unreachable",
        reason: expect.stringMatching(/abort/i),
      });
      // Cut off, not left hanging: the connections the reads opened are closed from this side.
      expect(stalled.connections()).toBeGreaterThan(0);
      await vi.waitFor(() => expect(stalled.open()).toBe(0));
    } finally {
      hanging.destroy();
      await stalled.close();
    }
  });
});

/** A store that accepts connections and never answers on them. */
const stalledStore = async () => {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("data", () => {});
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

describe("RuleLoader against changes made outside publish", () => {
  const percutaneous = keys.rule("ecmo-cannula-insertion-percutaneous-33951");

  /** What an attacker with PutItem does: change an item, then re-stamp the checksum to match. */
  const rewriteContent = async (version: number) => {
    const key = { pk: keys.content(version), sk: percutaneous };
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key }));
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...Item, rule: { ...Item?.rule, code: "33952" } },
      }),
    );
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

  it("refuses a version signed with another key", async () => {
    const stranger = new RuleStore(client, tableName, keySigner(newSigningKey(), "stranger"));
    const result = await stranger.publish(editableShippedRules(), { actor: "mallory" });
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
});
