import { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type ApiHandler, createApi } from "./api/app.js";
import { MetricCounters } from "./api/metric-counters.js";
import { powertoolsTelemetry, reportRulesEvent } from "./api/powertools-telemetry.js";
import { createDynamoClient } from "./store/dynamodb-client.js";
import { RuleLoader } from "./store/rule-loader.js";
import { VersionReader } from "./store/version-reader.js";

export const SERVICE_NAME = "code-rules";
export const METRICS_NAMESPACE = "CodeRules";

export interface ServiceConfig {
  readonly tableName: string;
  readonly ttlSeconds: number;
  readonly client?: DynamoDBClient;
  readonly logger?: Logger;
}

export interface Service {
  readonly handle: ApiHandler;
  readonly loader: RuleLoader;
}

/** The composition root: the same wiring serves Lambda, the local server and the tests. */
export const createService = (config: ServiceConfig): Service => {
  const logger = config.logger ?? new Logger({ serviceName: SERVICE_NAME });
  const metrics = new MetricCounters({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  const client = config.client ?? createDynamoClient();
  const loader = new RuleLoader({
    source: new VersionReader(client, config.tableName),
    ttlSeconds: config.ttlSeconds,
    report: reportRulesEvent(logger, metrics),
  });
  const handle = createApi({
    rules: loader,
    telemetry: powertoolsTelemetry(logger, metrics),
    today: () => new Date().toISOString().slice(0, 10),
    now: () => performance.now(),
  });
  return { handle, loader };
};

/** Reads the function's configuration from its environment, refusing to start without a table. */
export const configFromEnv = (env: NodeJS.ProcessEnv = process.env): ServiceConfig => {
  const tableName = env.RULES_TABLE_NAME;
  if (!tableName) throw new Error("RULES_TABLE_NAME is not set");
  const ttl = Number(env.RULES_CACHE_TTL_SECONDS ?? "5");
  if (!Number.isFinite(ttl) || ttl < 0)
    throw new Error(
      `RULES_CACHE_TTL_SECONDS must be a number of seconds, got ${env.RULES_CACHE_TTL_SECONDS}`,
    );
  return { tableName, ttlSeconds: ttl };
};
