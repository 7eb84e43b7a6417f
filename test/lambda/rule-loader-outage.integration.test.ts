import { randomUUID } from "node:crypto";
import { type AddressInfo, createServer, type Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createRulesTable } from "../../admin/create-table.js";
import { RuleStore } from "../../admin/rule-store.js";
import { RuleLoader } from "../../lambda/rule-loader.js";
import type { LoaderEvent, RuleSource } from "../../lambda/rule-source.js";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { VersionReader } from "../../store/version-reader.js";
import { countingSource } from "../support/counting-source.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { storeOptions, verify } from "../support/signing.js";
import {
  client,
  events,
  freshTableEachTest,
  publish,
  servedVersion,
  tableName,
} from "./rule-loader-support.js";

let clock: number;
/** Each read's budget in this file: a read on a busy machine fits it, a dead store's does not. */
const READ_BUDGET_MS = 2_000;

freshTableEachTest();
beforeEach(() => {
  clock = 0;
});

describe("RuleLoader during a DynamoDB outage", () => {
  let outage: DynamoDbLocal;
  let outageClient: ReturnType<typeof createDynamoClient>;
  const table = `rules-outage-${randomUUID()}`;

  beforeAll(async () => {
    outage = await startDynamoDbLocal();
    // Timeouts well above a read's time on a busy 2-core machine: what is tested is the outage.
    outageClient = createDynamoClient({
      endpoint: outage.endpoint,
      timeoutMs: READ_BUDGET_MS,
      maxAttempts: 1,
    });
    const setUp = createDynamoClient({ endpoint: outage.endpoint });
    await createRulesTable(setUp, table);
    // One family: what is tested here is the outage, not the size of the rule set.
    const oneFamily = editableShippedRules();
    oneFamily.procedures = oneFamily.procedures.filter((p) => String(p.key).startsWith("ecmo-"));
    oneFamily.rules = oneFamily.rules.filter((r) => String(r.procedure).startsWith("ecmo-"));
    const result = await new RuleStore(setUp, table, storeOptions()).publish(oneFamily, {
      allowPastChanges: true,
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
      timeoutMs: READ_BUDGET_MS,
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
      timeoutMs: READ_BUDGET_MS,
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
        versionContent: (version, signal, atMost) => reader.versionContent(version, signal, atMost),
      };
      const loader = (report?: (event: LoaderEvent) => void) =>
        new RuleLoader({ source, verify, ttlSeconds: 5, now: () => clock, report });
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
