import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Logger } from "@aws-lambda-powertools/logger";
import { localSigner } from "../admin/signing/local-signer.js";
import { createService } from "../lambda/service.js";
import { FUNCTION_ENV } from "../lambda/service-names.js";
import { localAwsEnv, localEndpoint } from "../local/dynamodb-local.js";
import { LOCAL_DEFAULTS, LOCAL_ENV } from "../local/local-defaults.js";
import { readValidRuleSet } from "../rule-files/read-rule-files.js";
import { bundleLikeTheStack, COLD_START_BUDGET } from "../support/bundle-like-the-stack.js";
import { MemoryRuleSource } from "../support/memory-rule-source.js";
import { measureBulkBatch } from "./bulk-batch-bench.js";
import { startChild } from "./child-process.js";
import { measureClaims, measureClaimsCommand } from "./claims-bench.js";
import { initMs } from "./cold-start.js";
import {
  batchEvent,
  measureBatchAgainstCore,
  measureBatchItemParts,
  sampleRequests,
} from "./core-bench.js";
import { FIRST_REQUEST_SIZES, measureFirstRequests } from "./first-request-bench.js";
import { measureHttp, selectOnce } from "./http-bench.js";
import { measurePeers } from "./peers-bench.js";
import { measurePropagation } from "./propagation.js";
import { measureReads } from "./reads-bench.js";
import { measureScale, SCALE_SIZES } from "./scale-bench.js";
import { SELECT_ANSWER } from "./select-answer.js";
import { measureServableAtLimit } from "./servable-bench.js";
import { measureLogBytes } from "./telemetry-bench.js";
import { measureValidate50k } from "./validate-bench.js";

process.env.POWERTOOLS_METRICS_DISABLED = "true";

const TTL_SECONDS = LOCAL_DEFAULTS.ttlSeconds;
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const rulesDir = LOCAL_DEFAULTS.shippedRules;
const resultsFile = fileURLToPath(new URL("./results.json", import.meta.url));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const step = (what: string) => process.stderr.write(`bench: ${what}\n`);

const shipped = readValidRuleSet(rulesDir);
if (!shipped.ok) throw new Error("the shipped rules do not validate");
const { ruleSet } = shipped.value;

// Module init is timed first, while nothing else runs: the Lambda init it stands for has the
// sandbox to itself. It reads no table, so any name will do.
step("cold start: bundling as the stack does, then timing fresh processes in turns");
// Versions are signed with the local key (as npm start signs them); the function verifies with it.
const functionEnv = {
  [FUNCTION_ENV.tableName]: "bench-rules",
  [FUNCTION_ENV.signingPublicKey]: await localSigner(LOCAL_DEFAULTS.signingKeyFile).publicKey(),
  POWERTOOLS_LOG_LEVEL: "ERROR",
};
const handlerBundle = await bundleLikeTheStack("lambda/handler.ts", "handler");
const referenceBundle = await bundleLikeTheStack("bench/reference-handler.ts", "reference");
const [handlerInitMs = Number.NaN, referenceInitMs = Number.NaN] = initMs(
  [handlerBundle.file, referenceBundle.file],
  // No table is read during init: the endpoint only has to be one the SDK accepts.
  { ...localAwsEnv(localEndpoint(LOCAL_DEFAULTS.dynamoPort)), ...functionEnv },
);

step("selection and check at 100, 1,000 and 5,000 rules, beside the floor; a version's load");
const scale = measureScale();

// In process, before the steps that leave this process's heap large (the peers, the claims, the
// 50,000-rule validation): a function's process holds one version and its requests, and a heap
// grown by other work makes each collection the batch's allocations trigger dearer than the floor's.
// The version is signed and verified as the table's are; once loaded, where it was read from no
// longer matters to a request.
step("selection core and the batch path in process, in turns");
const rulesInMemory = new MemoryRuleSource();
await rulesInMemory.publish(shipped.value.raw, { actor: "bench", message: "shipped rules" });
const inProcess = createService({
  tableName: "bench-rules",
  ttlSeconds: TTL_SECONDS,
  source: rulesInMemory,
  publicKey: rulesInMemory.publicKey,
  logger: new Logger({ logLevel: "ERROR" }),
});
const batch = await measureBatchAgainstCore(ruleSet, inProcess.handle);
const batchAnswer = (await inProcess.handle(batchEvent(sampleRequests(ruleSet, 100)))).body;
const parts = measureBatchItemParts(ruleSet, JSON.parse(batchAnswer ?? "null"));

step("the same 10,000 requests through select, zen-engine and json-rules-engine, in turns");
const peers = await measurePeers(ruleSet);

step("a 200,000-line claims file through check-claims' row pipeline, in process");
const claimsLinesPerSecond = await measureClaims(ruleSet);

step(
  "batches of 1,000 claim lines through the bulk-check function's handler, as the Distributed Map hands them",
);
const bulkBatchMs = await measureBulkBatch(ruleSet);

step("validation of a 50,000-rule candidate, as publish checks it");
const validate50kSeconds = measureValidate50k();

step("starting the local server (DynamoDB Local), its bridge alone, and a bare HTTP server");
const server = await startChild<{ url: string; endpoint: string; table: string }>(
  "bench/serve.ts",
  { [LOCAL_ENV.ttlSeconds]: String(TTL_SECONDS) },
);
const bridge = await startChild<{ url: string }>("bench/bridge-server.ts");
const bare = await startChild<{ url: string }>("bench/bare-server.ts");
const dynamoEnv = localAwsEnv(server.info.endpoint);
Object.assign(process.env, dynamoEnv);

try {
  step("a 1,000,000-line claims file through `code-rules check-claims` on the local table");
  const claimsCommand = await measureClaimsCommand(ruleSet, server.info);

  step("log bytes per request, INFO logs and metrics on");
  const logBytes = await measureLogBytes(shipped.value.raw, sampleRequests(ruleSet, 100));

  // The bare server and the bridge send this answer as a constant; they must send what select does.
  if ((await selectOnce(server.info.url)) !== SELECT_ANSWER) {
    throw new Error("bench/select-answer.ts is no longer the selectCode route's answer; update it");
  }
  step(
    `HTTP: ${HTTP_SECONDS} s of autocannon on the selectCode route, the bridge alone, the bare server`,
  );
  const select = await measureHttp(server.info.url, HTTP_SECONDS);
  const bridgeFigures = await measureHttp(bridge.info.url, HTTP_SECONDS);
  const bareFigures = await measureHttp(bare.info.url, HTTP_SECONDS);

  step("DynamoDB reads per 1,000 requests at 200 requests/s");
  const reads = await measureReads(server.info.endpoint, server.info.table);

  step("cold start: the first request of fresh processes, the shipped and generated versions");
  const firstRequests = await measureFirstRequests(
    handlerBundle.file,
    server.info.endpoint,
    { ...dynamoEnv, ...functionEnv },
    server.info.table,
  );

  step("a version at the rule limit, read and checked as the function loads it, under load");
  const servable = await measureServableAtLimit(server.info.url, server.info.endpoint);
  step("propagation under load: publish, then roll back");
  const propagation = await measurePropagation(
    server.info.url,
    server.info.endpoint,
    server.info.table,
    TTL_SECONDS,
    rulesDir,
  );

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cpus: (await import("node:os")).cpus().length },
    "core.selectionsPerSecond": Math.round(batch.corePerSecond),
    "core.batchSelectionsPerSecond": Math.round(batch.batchPerSecond),
    "core.batchToCoreRatio": round(batch.ratio, 3),
    "core.batchToJsonFloorRatio": round(batch.jsonFloorRatio, 3),
    "core.selectMicrosPerItem": round(parts.selectMicros, 3),
    "core.batchParseMicrosPerItem": round(parts.parseMicros, 3),
    "core.batchJsonMicrosPerItem": round(parts.jsonMicros, 3),
    "telemetry.logBytesPerSelect": logBytes.perSelect,
    "telemetry.logBytesPerBatch100": logBytes.perBatch100,
    "http.selectRps": Math.round(select.requestsPerSecond),
    "http.bareRps": Math.round(bareFigures.requestsPerSecond),
    "http.bridgeRps": Math.round(bridgeFigures.requestsPerSecond),
    "http.ratio": round(select.requestsPerSecond / bareFigures.requestsPerSecond, 3),
    "http.p50Ms": select.p50Ms,
    "http.p99Ms": select.p99Ms,
    "http.selectNon2xx": select.non2xx,
    "publish.validate50kSeconds": round(validate50kSeconds, 3),
    "reads.perThousandWarm": round(reads.perThousandWarm, 3),
    "reads.perThousandNaive": round(reads.perThousandNaive, 1),
    "coldStart.bundleBytes": handlerBundle.bytes,
    "coldStart.initMs": round(handlerInitMs),
    "coldStart.referenceBundleBytes": referenceBundle.bytes,
    "coldStart.referenceInitMs": round(referenceInitMs),
    "coldStart.bundleRatio": round(handlerBundle.bytes / referenceBundle.bytes, 4),
    "coldStart.initRatio": round(handlerInitMs / referenceInitMs, 3),
    "coldStart.budget": COLD_START_BUDGET,
    "coldStart.firstRequestMs": round(firstRequests.shipped),
    ...Object.fromEntries(
      SCALE_SIZES.flatMap((size) => [
        [`scale.selectMicros.${size}`, round(scale.selectMicros[size] ?? Number.NaN, 3)],
        [`scale.checkMicros.${size}`, round(scale.checkMicros[size] ?? Number.NaN, 3)],
        [`scale.loadMs.${size}`, round(scale.loadMs[size] ?? Number.NaN, 1)],
      ]),
    ),
    "scale.floorMicros": round(scale.floorMicros, 3),
    "scale.selectToFloorRatio": round(scale.ratios.selectToFloor, 2),
    "scale.checkToFloorRatio": round(scale.ratios.checkToFloor, 2),
    "scale.selectGrowthRatio": round(scale.ratios.selectGrowth, 2),
    // The floor's own growth over the same sizes: what a selection's growth owes to the memory.
    "scale.floorMicros.100": round(scale.floorMicrosAt100, 3),
    "scale.floorGrowthRatio": round(scale.ratios.floorGrowth, 2),
    "scale.parseMs.5000": round(scale.parseMs, 1),
    "scale.loadToParseRatio": round((scale.loadMs[5_000] ?? Number.NaN) / scale.parseMs, 2),
    ...Object.fromEntries(
      FIRST_REQUEST_SIZES.map((size) => [
        `scale.firstRequestMs.${size}`,
        round(firstRequests.bySize[size] ?? Number.NaN),
      ]),
    ),
    "peers.selectPerSecond": Math.round(peers.selectPerSecond),
    "peers.zenPerSecond": Math.round(peers.zenPerSecond),
    "peers.jsonRulesEnginePerSecond": Math.round(peers.jsonRulesEnginePerSecond),
    "peers.zenRatio": round(peers.zenRatio, 1),
    "peers.jsonRulesEngineRatio": round(peers.jsonRulesEngineRatio, 1),
    "claims.linesPerSecond": Math.round(claimsLinesPerSecond),
    "claims.peakRssMb": round(claimsCommand.peakRssMb, 1),
    "claims.batchMsPer1000": round(bulkBatchMs, 1),
    "servable.limitPublished": servable.published,
    "servable.quietMedianMs": round(servable.quietMedianMs),
    "servable.loadedMedianMs": round(servable.loadedMedianMs),
    "servable.loadedMaxMs": round(servable.loadedMaxMs),
    "servable.budgetMs": servable.budgetMs,
    "propagation.publishSeconds": round(propagation.publish.seconds),
    "propagation.publishNon2xx": propagation.publish.non2xx,
    "propagation.rollbackSeconds": round(propagation.rollback.seconds),
    "propagation.rollbackNon2xx": propagation.rollback.non2xx,
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.table(
    Object.fromEntries(
      Object.entries(results)
        .filter(([key]) => key.includes("."))
        .map(([key, value]) => [key, { value }]),
    ),
  );
  console.log(`wrote ${resultsFile}`);
} finally {
  await Promise.all([server.stop(), bridge.stop(), bare.stop()]);
}
