import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createService } from "../../lambda/service.js";
import {
  type DynamoDbLocal,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from "../../local/dynamodb-local.js";
import { type LocalApi, serveHttp, startLocalApi } from "../../local/local-api.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { VersionReader } from "../../store/version-reader.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { loadUntil } from "../support/load.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { publicKey } from "../support/signing.js";

const selection = {
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfBirth: "2020-11-25",
  dateOfService: "2026-11-24",
};
const quiet = new Logger({ serviceName: "code-rules", logLevel: "ERROR" });
const cleanup: (() => Promise<unknown>)[] = [];
// Each test starts DynamoDB Local (twice) and seeds the shipped rules: seconds on a busy machine.
const SLOW = { timeout: 90_000 };

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const startServer = async (dataDir: string, ttlSeconds = 1): Promise<LocalApi> => {
  const server = await startLocalApi({
    port: 0,
    tableName: "resilience",
    ttlSeconds,
    dataDir,
    seedRules: SHIPPED_RULES_DIR,
  });
  cleanup.push(() => server.stop());
  return server;
};

const health = async (url: string) => {
  const response = await fetch(`${url}/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** Selections against the server at `url`, counting its answers as they come. */
const selections = (url: string) => {
  let answered = 0;
  return {
    select: async () => {
      const response = await fetch(`${url}/v1/select`, {
        method: "POST",
        body: JSON.stringify(selection),
      });
      answered += 1;
      return response;
    },
    answered: () => answered,
  };
};

/** Pointer reads the store refused from now on: one for each TTL window the loader tried it in. */
const refusedPointerReads = (): (() => number) => {
  const reads = vi.spyOn(VersionReader.prototype, "activePointer");
  cleanup.push(async () => reads.mockRestore());
  return () => reads.mock.settledResults.filter((read) => read.type === "rejected").length;
};

/** Polls until `check` passes; the deadline only ends a test that would otherwise hang. */
const until = (check: () => unknown) => vi.waitFor(check, { timeout: 20_000, interval: 50 });

describe("when DynamoDB Local stops under load", () => {
  it(
    "keeps answering from the cached version, reports stale health, and reads fresh again once it is back",
    SLOW,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "code-rules-resilience-"));
      const server = await startServer(dataDir);
      const { select, answered } = selections(server.url);
      expect((await select()).status).toBe(200);
      const refusedReads = refusedPointerReads();

      let outageOver = false;
      const load = loadUntil(select, { concurrency: 8, maxMs: 60_000, stop: () => outageOver });
      cleanup.push(() => {
        outageOver = true;
        return load;
      });
      // The outage begins under load: once answers are coming, not after a guessed time.
      const started = answered();
      await until(() => expect(answered() - started).toBeGreaterThanOrEqual(8));
      await server.dynamo.stop();
      const stopped = answered();
      await until(async () => expect((await health(server.url)).body.stale).toBe(true));
      // Past the first refused read: a TTL later the loader tries the store again, is refused
      // again, and still answers every request from the cached version.
      await until(() => {
        expect(refusedReads()).toBeGreaterThanOrEqual(2);
        expect(answered() - stopped).toBeGreaterThan(50);
      });
      expect(await health(server.url)).toEqual({
        status: 200,
        body: {
          status: "ok",
          ruleVersion: 1,
          ruleCount: editableShippedRules().rules.length,
          stale: true,
        },
      });
      outageOver = true;
      const tally = await load;

      expect(tally.total).toBeGreaterThan(50);
      expect(tally.errors).toBe(0);
      expect([...tally.byStatus.keys()]).toEqual([200]);

      const restarted: DynamoDbLocal = await startDynamoDbLocal({
        port: server.dynamo.port,
        dataDir,
      });
      cleanup.push(() => restarted.stop());
      await until(async () => expect((await health(server.url)).body.stale).toBe(false));
      expect((await select()).status).toBe(200);
    },
  );
});

describe("when the server starts with DynamoDB Local down", () => {
  it(
    "answers 503 with Retry-After to every selection, never a code, and recovers once DynamoDB is up",
    SLOW,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "code-rules-cold-"));
      const seeded = await startServer(dataDir);
      const { port } = seeded.dynamo;
      await seeded.stop();
      cleanup.pop();

      const client = createDynamoClient({
        endpoint: seeded.dynamo.endpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      });
      const service = createService({
        tableName: "resilience",
        ttlSeconds: 1,
        publicKey,
        logger: quiet,
        client,
      });
      const http: Server = await serveHttp(service.handle, 0);
      cleanup.push(() => new Promise((resolve) => http.close(resolve)));
      const url = `http://localhost:${(http.address() as AddressInfo).port}`;
      const { select, answered } = selections(url);

      // Refused across a TTL window, not only on the first read: the loader tries the store
      // again once its TTL has passed, and every selection meanwhile is refused too.
      const refusedReads = refusedPointerReads();
      const tally = await loadUntil(select, {
        concurrency: 4,
        maxMs: 20_000,
        stop: () => answered() > 10 && refusedReads() >= 2,
      });
      expect(tally.total).toBeGreaterThan(10);
      expect(refusedReads()).toBeGreaterThanOrEqual(2);
      expect([...tally.byStatus.keys()]).toEqual([503]);
      const refused = await select();
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(await refused.json()).toMatchObject({
        type: "urn:code-rules:problem:rules-unavailable",
      });
      expect((await health(url)).status).toBe(503);

      const dynamo = await startDynamoDbLocal({ port, dataDir });
      cleanup.push(() => dynamo.stop());
      await until(async () => expect((await select()).status).toBe(200));
      expect(await (await select()).json()).toMatchObject({ code: "33951", ruleVersion: 1 });
    },
  );
});
