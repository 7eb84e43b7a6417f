import { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { utcDateOf } from "../core/calendar-date.js";
import { createDynamoClient } from "../store/dynamodb-client.js";
import { verifierFor } from "../store/signature.js";
import { VersionReader } from "../store/version-reader.js";
import { selectionApi } from "./api/answers.js";
import { MetricBuffer } from "./metric-buffer.js";
import { powertoolsTelemetry, reportRulesEvent } from "./powertools-telemetry.js";
import { RuleLoader } from "./rule-loader.js";
import type { RuleSource } from "./rule-source.js";
import {
  DEFAULT_CACHE_TTL_SECONDS,
  FUNCTION_ENV,
  METRICS_NAMESPACE,
  SERVICE_NAME,
} from "./service-names.js";

export interface ServiceConfig {
  readonly tableName: string;
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

/** One invocation: the API Gateway event, and the Lambda context when Lambda calls. */
export type ServiceHandler = (
  event: APIGatewayProxyEventV2,
  context?: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Service {
  readonly handle: ServiceHandler;
  readonly loader: RuleLoader;
}

/** The composition root: the same wiring serves Lambda, the local server and the tests. */
export const createService = (config: ServiceConfig): Service => {
  const logger = config.logger ?? new Logger({ serviceName: SERVICE_NAME });
  const metrics =
    config.metrics ?? new MetricBuffer({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  const loader = new RuleLoader({
    source:
      config.source ?? new VersionReader(config.client ?? createDynamoClient(), config.tableName),
    ttlSeconds: config.ttlSeconds,
    verify: verifierFor(config.publicKey),
    report: reportRulesEvent(logger, metrics),
  });
  const api = selectionApi({
    rules: loader,
    telemetry: powertoolsTelemetry(logger, metrics),
    today: () => utcDateOf(new Date()),
    now: () => performance.now(),
  });
  const handle: ServiceHandler = async (event, context) => {
    // Cold start, function name and the invocation's request id on every line of this invocation.
    if (context) logger.addContext(context);
    try {
      return await api(event);
    } finally {
      metrics.flush();
    }
  };
  return { handle, loader };
};

/**
 * Reads the function's configuration from its environment, refusing to start without a table or
 * the public key that verifies what it serves.
 */
export const configFromEnv = (env: NodeJS.ProcessEnv = process.env): ServiceConfig => {
  const tableName = env[FUNCTION_ENV.tableName];
  if (!tableName) throw new Error(`${FUNCTION_ENV.tableName} is not set`);
  const given = env[FUNCTION_ENV.cacheTtlSeconds];
  const ttl = Number(given ?? DEFAULT_CACHE_TTL_SECONDS);
  if (!Number.isFinite(ttl) || ttl < 0)
    throw new Error(`${FUNCTION_ENV.cacheTtlSeconds} must be a number of seconds, got ${given}`);
  const publicKey = env[FUNCTION_ENV.signingPublicKey];
  if (!publicKey) throw new Error(`${FUNCTION_ENV.signingPublicKey} is not set`);
  return { tableName, ttlSeconds: ttl, publicKey };
};
