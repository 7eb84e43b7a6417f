import { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDynamoClient } from "../store/dynamodb-client.js";
import { verifierFor } from "../store/signature.js";
import { VersionReader } from "../store/version-reader.js";
import { MetricBuffer } from "./metric-buffer.js";
import { reportRulesEvent } from "./powertools-telemetry.js";
import { RuleLoader } from "./rule-loader.js";
import type { RuleSource } from "./rule-source.js";
import { DEFAULT_CACHE_TTL_SECONDS, FUNCTION_ENV, METRICS_NAMESPACE } from "./service-names.js";

/**
 * Where a function reads rule versions and how it checks them: what the selection and bulk-check
 * functions are both configured with.
 */
export interface RulesConfig {
  readonly tableName: string;
  /** How long a revocation, or a failed read of the table, takes to be seen again. */
  readonly ttlSeconds: number;
  readonly client?: DynamoDBClient;
  /** Where versions are read from; the rules table through `client` unless given. */
  readonly source?: RuleSource;
  /** The public key every version's signature is checked with (base64 SPKI DER). */
  readonly publicKey: string;
  readonly logger?: Logger;
  /** Where counts go; EMF documents on standard output, as Lambda's, unless given. */
  readonly metrics?: MetricBuffer;
}

/** A function's log, its counts, and the loader that verifies every version it reads, reporting to both. */
export const rulesWiring = (config: RulesConfig, serviceName: string) => {
  const logger = config.logger ?? new Logger({ serviceName });
  const metrics = config.metrics ?? new MetricBuffer({ namespace: METRICS_NAMESPACE, serviceName });
  const loader = new RuleLoader({
    source:
      config.source ?? new VersionReader(config.client ?? createDynamoClient(), config.tableName),
    ttlSeconds: config.ttlSeconds,
    verify: verifierFor(config.publicKey),
    report: reportRulesEvent(logger, metrics),
  });
  return { logger, metrics, loader };
};

/**
 * A function's configuration from its environment, refusing to start without a table or the
 * public key that verifies what it serves.
 */
export const rulesConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): RulesConfig => {
  const tableName = env[FUNCTION_ENV.tableName];
  if (!tableName) throw new Error(`${FUNCTION_ENV.tableName} is not set`);
  const given = env[FUNCTION_ENV.cacheTtlSeconds];
  const ttlSeconds = Number(given ?? DEFAULT_CACHE_TTL_SECONDS);
  if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0)
    throw new Error(`${FUNCTION_ENV.cacheTtlSeconds} must be a number of seconds, got ${given}`);
  const publicKey = env[FUNCTION_ENV.signingPublicKey];
  if (!publicKey) throw new Error(`${FUNCTION_ENV.signingPublicKey} is not set`);
  return { tableName, ttlSeconds, publicKey };
};
