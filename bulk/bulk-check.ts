import { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Context } from "aws-lambda";
import { type ClaimCheck, claimCheck } from "../claims/claim-check.js";
import type { RuleSet } from "../core/rule-set.js";
import { MetricBuffer } from "../lambda/metric-buffer.js";
import { reportRulesEvent } from "../lambda/powertools-telemetry.js";
import { RuleLoader } from "../lambda/rule-loader.js";
import type { RuleSource } from "../lambda/rule-source.js";
import {
  DEFAULT_CACHE_TTL_SECONDS,
  FUNCTION_ENV,
  METRICS_NAMESPACE,
} from "../lambda/service-names.js";
import { createDynamoClient } from "../store/dynamodb-client.js";
import { verifierFor } from "../store/signature.js";
import { VersionReader } from "../store/version-reader.js";
import { batchEventOf } from "./batch-event.js";
import { type BatchReport, checkBatch } from "./batch-report.js";
import { reportBatch } from "./batch-telemetry.js";
import { batchRefused, rulesRefused } from "./bulk-error.js";
import { BULK_SERVICE_NAME } from "./bulk-names.js";

/*
 * The bulk-check function's composition root, shared by Lambda, the tests and the bench. The
 * batch's rule version is read through the selection function's own loader: verified as every read
 * is (limits, count, checksum, validation, signature, revocation), then kept for the container's
 * life, so its lines are checked in memory with no DynamoDB call per line or per batch.
 */

export interface BulkCheckConfig {
  readonly tableName: string;
  /** The public key every version's signature is checked with (base64 SPKI DER). */
  readonly publicKey: string;
  /** How long a revocation, or a failed read of the table, takes to be seen again. */
  readonly ttlSeconds: number;
  readonly client?: DynamoDBClient;
  /** Where versions are read from; the rules table through `client` unless given. */
  readonly source?: RuleSource;
  readonly logger?: Logger;
  /** Where counts go; EMF documents on standard output, as Lambda's, unless given. */
  readonly metrics?: MetricBuffer;
}

/** One invocation: the batch event Step Functions sends, and the Lambda context when Lambda calls. */
export type BulkCheckHandler = (event: unknown, context?: Context) => Promise<BatchReport>;

/** One claim check per rule version, kept with it: its memo of checks by age serves every batch. */
const checksByVersion = (): ((ruleSet: RuleSet) => ClaimCheck) => {
  const checks = new WeakMap<RuleSet, ClaimCheck>();
  return (ruleSet) => {
    const known = checks.get(ruleSet);
    if (known) return known;
    const check = claimCheck(ruleSet);
    checks.set(ruleSet, check);
    return check;
  };
};

export const createBulkCheck = (config: BulkCheckConfig): BulkCheckHandler => {
  const logger = config.logger ?? new Logger({ serviceName: BULK_SERVICE_NAME });
  const metrics =
    config.metrics ??
    new MetricBuffer({ namespace: METRICS_NAMESPACE, serviceName: BULK_SERVICE_NAME });
  const loader = new RuleLoader({
    source:
      config.source ?? new VersionReader(config.client ?? createDynamoClient(), config.tableName),
    ttlSeconds: config.ttlSeconds,
    verify: verifierFor(config.publicKey),
    report: reportRulesEvent(logger, metrics),
  });
  const checkFor = checksByVersion();
  return async (event, context) => {
    if (context) logger.addContext(context);
    const started = performance.now();
    try {
      const batch = batchEventOf(event);
      if (!batch.ok) throw batchRefused(`not a batch of the bulk audit: ${batch.error}`);
      const { BatchInput, Items } = batch.value;
      const loaded = await loader.load({ version: BatchInput.ruleVersion });
      if (!loaded.ok) throw rulesRefused(loaded.error);
      const report = checkBatch(checkFor(loaded.value.ruleSet), BatchInput.ruleVersion, Items);
      reportBatch(logger, metrics, report, performance.now() - started);
      return report;
    } finally {
      metrics.flush();
    }
  };
};

/**
 * The function's configuration from its environment, named as the selection function's: it
 * refuses to start without a table or the public key that verifies what it checks against.
 */
export const bulkConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): BulkCheckConfig => {
  const tableName = env[FUNCTION_ENV.tableName];
  if (!tableName) throw new Error(`${FUNCTION_ENV.tableName} is not set`);
  const publicKey = env[FUNCTION_ENV.signingPublicKey];
  if (!publicKey) throw new Error(`${FUNCTION_ENV.signingPublicKey} is not set`);
  const given = env[FUNCTION_ENV.cacheTtlSeconds];
  const ttlSeconds = Number(given ?? DEFAULT_CACHE_TTL_SECONDS);
  if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0)
    throw new Error(`${FUNCTION_ENV.cacheTtlSeconds} must be a number of seconds, got ${given}`);
  return { tableName, publicKey, ttlSeconds };
};
