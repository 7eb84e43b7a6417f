/**
 * The test harness (`code-rules/testing`): the real handler on its own DynamoDB Local, for another
 * team's tests to run against. Needs Java 17+ on the PATH, as DynamoDB Local does.
 */
import { randomUUID } from "node:crypto";
import { startLocalApi } from "../local/local-api.js";
import { LOCAL_DEFAULTS } from "../local/local-defaults.js";

export interface LocalServerOptions {
  /** The HTTP port on 127.0.0.1; a free one when left out. */
  readonly port?: number;
  /** A rule file or a folder of them, published as version 1; the shipped rules when left out. */
  readonly rules?: string;
}

export interface RunningLocalServer {
  /** The API's base URL, for `createCodeRulesClient({ baseUrl: url })`. */
  readonly url: string;
  /** The in-memory DynamoDB Local it started, on a free port, for `code-rules publish`. */
  readonly dynamoEndpoint: string;
  /** The rules table in it. */
  readonly table: string;
  /** Stops the HTTP server and DynamoDB Local; nothing outlives it. */
  stop(): Promise<void>;
}

/** Starts DynamoDB Local and the real handler; resolves once both answer. */
export const startLocalServer = async (
  options: LocalServerOptions = {},
): Promise<RunningLocalServer> => {
  const server = await startLocalApi({
    port: options.port ?? 0,
    tableName: `code-rules-${randomUUID().slice(0, 8)}`,
    // New versions published during a test show within a second.
    ttlSeconds: 1,
    seedRules: options.rules ?? LOCAL_DEFAULTS.shippedRules,
  });
  return {
    url: server.url,
    dynamoEndpoint: server.dynamo.endpoint,
    table: server.tableName,
    stop: () => server.stop(),
  };
};
