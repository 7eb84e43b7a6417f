import { rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApiHandler } from "../lambda/api/app.js";
import { createService, type Service } from "../lambda/service.js";
import { localSigner } from "../lambda/signing/local-signer.js";
import type { Signer } from "../lambda/signing/signature.js";
import { createRulesTable } from "../lambda/store/create-table.js";
import { createDynamoClient } from "../lambda/store/dynamodb-client.js";
import { publishIntoEmptyTable } from "../lambda/store/publish-first-version.js";
import { RuleStore } from "../lambda/store/rule-store.js";
import { readRuleFiles } from "../rule-files/read-rule-files.js";
import { toApiGatewayEvent, writeResult } from "./api-gateway-bridge.js";
import {
  type DynamoDbLocal,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from "./dynamodb-local.js";

export interface LocalServerOptions {
  /** HTTP port; 0 picks a free one. */
  readonly port: number;
  readonly tableName: string;
  readonly ttlSeconds: number;
  /** Where DynamoDB Local keeps its data; in memory when absent. */
  readonly dataDir?: string;
  /** Empties dataDir first. */
  readonly fresh?: boolean;
  readonly dynamoPort?: number;
  /** The rules published as version 1 when the table has none. */
  readonly seedRules: string;
}

export interface LocalServer {
  readonly url: string;
  readonly dynamo: DynamoDbLocal;
  readonly tableName: string;
  readonly service: Service;
  /** Published the seed rules as version 1 on this start. */
  readonly seeded: boolean;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local, the rules table, the shipped rules as version 1 when the table has none, and a
 * plain HTTP server that hands every request to the same handler Lambda runs.
 */
export const startLocalServer = async (options: LocalServerOptions): Promise<LocalServer> => {
  if (options.fresh && options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });
  const dynamo = await startDynamoDbLocal({ port: options.dynamoPort, dataDir: options.dataDir });
  try {
    useDynamoDbLocal(dynamo.endpoint);
    await createRulesTable(createDynamoClient(), options.tableName);
    // The key the CLI signs with on DynamoDB Local, kept beside its data in .local-data/.
    const signer = localSigner();
    const seeded = await seed(options.tableName, options.seedRules, signer);
    const service = createService({
      tableName: options.tableName,
      ttlSeconds: options.ttlSeconds,
      publicKey: await signer.publicKey(),
    });
    const server = await serveHttp(service.handle, options.port);
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://localhost:${port}`,
      dynamo,
      tableName: options.tableName,
      service,
      seeded,
      stop: async () => {
        await new Promise((resolve) => server.close(resolve));
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
};

// The SDK finds DynamoDB Local exactly as it finds AWS; DynamoDB Local accepts any credentials.
const useDynamoDbLocal = (endpoint: string): void => {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
};

const seed = async (tableName: string, rulesPath: string, signer: Signer): Promise<boolean> => {
  const rules = readRuleFiles(rulesPath);
  if (!rules.ok) throw new Error(rules.error);
  const outcome = await publishIntoEmptyTable(
    new RuleStore(createDynamoClient(), tableName, signer),
    rules.value,
    { actor: "npm start", message: `shipped rules from ${rulesPath}` },
  );
  return outcome.kind === "published";
};

/** Serves a handler over plain HTTP, translating each request into an API Gateway event. */
export const serveHttp = (handle: ApiHandler, port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      toApiGatewayEvent(request)
        .then(handle)
        .then((result) => writeResult(response, result))
        .catch(() => {
          response.writeHead(500, { "content-type": "application/problem+json" });
          response.end(
            JSON.stringify({
              type: "urn:code-rules:problem:internal",
              title: "Internal error",
              status: 500,
              detail: "the local server failed to translate the request",
            }),
          );
        });
    });
    server.keepAliveTimeout = 65_000;
    server.once("error", reject);
    server.listen(port, () => resolve(server));
  });
