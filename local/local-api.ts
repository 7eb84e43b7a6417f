import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, isIP } from "node:net";
import { FileAnchor } from "../admin/anchors/file-anchor.js";
import { MemoryAnchor } from "../admin/anchors/memory-anchor.js";
import { createRulesTable } from "../admin/create-table.js";
import { RuleStore } from "../admin/rule-store.js";
import { localSigner } from "../admin/signing/local-signer.js";
import { showHidden } from "../core/plain-text.js";
import { problemAnswer } from "../http/answer.js";
import { type ApiHandler, toResult } from "../http/app.js";
import { type Problem, problem } from "../http/problem.js";
import { ROUTES } from "../http/routes.js";
import { namingLocalServer } from "../http/servers.js";
import { createService, type Service } from "../lambda/service.js";
import { createDynamoClient } from "../store/dynamodb-client.js";
import { toApiGatewayEvent, writeResult } from "./api-gateway-bridge.js";
import {
  type DynamoDbLocal,
  isPortTaken,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDbLocal,
} from "./dynamodb-local.js";
import { auditHeadsFile, LOCAL_DEFAULTS, LOCAL_ENV } from "./local-defaults.js";
import { routeLocally } from "./local-routing.js";
import { type RunningStudio, startLocalStudio } from "./local-studio.js";
import { seedRules } from "./seed-rules.js";
import { silentTelemetry } from "./silent-telemetry.js";

export interface LocalApiOptions {
  /** HTTP port; 0 picks a free one. */
  readonly port: number;
  /** The interface to listen on; this machine only unless told otherwise. */
  readonly host?: string;
  readonly tableName: string;
  readonly ttlSeconds: number;
  /** Where DynamoDB Local keeps its data; in memory when absent. */
  readonly dataDir?: string;
  /** Empties dataDir first. */
  readonly fresh?: boolean;
  /** DynamoDB Local's port: refused when another program holds it; a free one when absent. */
  readonly dynamoPort?: number;
  /** Takes a free port instead when another program holds `dynamoPort`. */
  readonly dynamoPortFallback?: boolean;
  /** The rules published as version 1 when the table has none. */
  readonly seedRules: string;
  /** Who publishes them, as the audit trail names it; `npm start` when absent. */
  readonly seedActor?: string;
  /** The key versions are signed with; LOCAL_DEFAULTS.signingKeyFile (in .local-data/) when absent. */
  readonly signingKeyFile?: string;
  /** Prints a log line and a metrics document per request, as the function does; true when absent. */
  readonly logs?: boolean;
  /**
   * Serves the studio too: its page at /studio and its API at /admin/v1/, behind a local OpenID
   * provider standing in for Cognito, as the stack's admin function does. `npm start` does.
   */
  readonly studio?: boolean;
}

export interface LocalApi {
  readonly url: string;
  readonly dynamo: DynamoDbLocal;
  readonly tableName: string;
  readonly service: Service;
  /** Published the seed rules as version 1 on this start. */
  readonly seeded: boolean;
  /** The studio and the people who may sign in to it, when asked for. */
  readonly studio: Pick<RunningStudio, "url" | "issuer" | "clientId" | "users"> | undefined;
  stop(): Promise<void>;
}

/** How long a client may take to send its headers, or its whole request, before it is cut off. */
export const STALLED_REQUEST_MS = 5_000;

/**
 * DynamoDB Local, the rules table, the shipped rules as version 1 when the table has none, and a
 * plain HTTP server that hands every request to the same handler Lambda runs. It leaves the
 * process's environment alone: its clients name their DynamoDB Local themselves.
 */
export const startLocalApi = async (options: LocalApiOptions): Promise<LocalApi> => {
  const host = options.host ?? LOCAL_DEFAULTS.host;
  if (options.port !== 0 && (await isPortTaken(options.port, host))) {
    throw new Error(
      `port ${options.port} on ${host} is taken; set ${LOCAL_ENV.port} to a free one`,
    );
  }
  if (options.fresh && options.dataDir) rmSync(options.dataDir, { recursive: true, force: true });
  const dynamo = await startDynamoDbLocal({
    port: options.dynamoPort,
    portFallback: options.dynamoPortFallback,
    dataDir: options.dataDir,
  });
  try {
    const client = createDynamoClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await createRulesTable(client, options.tableName);
    // The key the CLI signs with on DynamoDB Local, kept beside its data in .local-data/.
    const signer = localSigner(options.signingKeyFile ?? LOCAL_DEFAULTS.signingKeyFile);
    // Heads are kept beside the data: in a file when it is kept on disk, in memory when it is.
    const anchor = options.dataDir
      ? new FileAnchor(auditHeadsFile(options.dataDir, options.tableName))
      : new MemoryAnchor();
    const store = new RuleStore(client, options.tableName, { signer, anchor });
    const seeded = await seedRules(store, options.seedRules, options.seedActor ?? "npm start");
    const service = createService({
      tableName: options.tableName,
      ttlSeconds: options.ttlSeconds,
      client,
      publicKey: await signer.publicKey(),
      ...(options.logs === false ? silentTelemetry() : {}),
    });
    // The studio signs in back to this server's own address, known once it listens.
    let studio: RunningStudio | undefined;
    const handle = (event: Parameters<ApiHandler>[0]) =>
      routeLocally(service.handle, studio, reportRefusal)(event);
    const server = await serveHttp(handle, options.port, host);
    const { port } = server.address() as AddressInfo;
    const url = `http://${host}:${port}`;
    if (options.studio)
      studio = await startLocalStudio({ origin: url, store, logs: options.logs !== false });
    return {
      url,
      dynamo,
      tableName: options.tableName,
      service,
      seeded,
      studio,
      stop: async () => {
        await new Promise((resolve) => server.close(resolve));
        await studio?.stop();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
};

// A token refused is said on the terminal, as API Gateway's access log says it; the caller hears 401.
const reportRefusal = (line: string): void => {
  process.stderr.write(`studio: ${line}\n`);
};

/** Where the local server serves the API reference page; the function never does. */
const DOCS_PATH = "/docs";

/** The page `npm run docs` builds (and `npm run build` beside the built package's modules). */
const DOCS_FILE = new URL("../docs/api.html", import.meta.url);

const serveDocs = async (response: ServerResponse, origin: string): Promise<void> => {
  const page = await readFile(DOCS_FILE, "utf8").catch(() => undefined);
  if (page) {
    response.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "x-content-type-options": "nosniff",
    });
    response.end(namingLocalServer(page, origin));
    return;
  }
  writeProblem(
    response,
    problem(404, "not-found", "the API reference page is not built; run `npm run docs`"),
  );
};

const writeProblem = (response: ServerResponse, body: Problem): void =>
  writeResult(response, toResult(problemAnswer(body)));

/** Host names only this machine answers to: no DNS record can point them at another server. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The name in a `Host` header, in lower case and without its port; undefined when malformed. */
const hostName = (header: string | undefined): string | undefined =>
  /^(\[[^\]]*\]|[^:[\]]+)(?::\d*)?$/.exec((header ?? "").trim().toLowerCase())?.[1];

/**
 * Whether to answer a request that names `header` as its host, on a server listening on
 * `listening`. A page on another site can rebind its own name to 127.0.0.1 and then read what
 * this server answers, as same-origin; its requests still carry its own name, so only a loopback
 * name is answered. A server told to listen beyond this machine (HOST=0.0.0.0) also answers an
 * address given as such (`192.0.2.7:3000`): a rebinding page's requests never carry one.
 */
export const answersHost = (header: string | undefined, listening: string): boolean => {
  const name = hostName(header);
  if (name === undefined) return false;
  if (LOOPBACK_HOSTS.has(name)) return true;
  const beyondThisMachine = !LOOPBACK_HOSTS.has(listening) && listening !== "::1";
  return beyondThisMachine && isIP(name.replace(/^\[(.*)\]$/, "$1")) !== 0;
};

const MISDIRECTED = 421;

const refuseHost = (response: ServerResponse, header: string | undefined): void => {
  // Not one of the API's own problem types: the function behind API Gateway never sees this.
  const body = JSON.stringify({
    type: "about:blank",
    title: "Misdirected Request",
    status: MISDIRECTED,
    detail: `this server answers only requests for 127.0.0.1, localhost or [::1]; this one names ${JSON.stringify(showHidden(header ?? "no host"))}`,
  });
  response.writeHead(MISDIRECTED, {
    "content-type": "application/problem+json",
    "content-length": String(Buffer.byteLength(body)),
    "x-content-type-options": "nosniff",
    connection: "close",
  });
  response.end(body);
};

const isGet = (request: IncomingMessage, path: string): boolean =>
  request.method === "GET" && new URL(request.url ?? "/", "http://localhost").pathname === path;

/**
 * Serves a handler over plain HTTP, translating each request into an API Gateway event, and the
 * API reference page at /docs, to requests that name a loopback host ({@link answersHost}).
 */
export const serveHttp = (
  handle: ApiHandler,
  port: number,
  host: string = LOCAL_DEFAULTS.host,
): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer(
      {
        headersTimeout: STALLED_REQUEST_MS,
        requestTimeout: STALLED_REQUEST_MS,
        // Node checks for those timeouts every 30 s unless told otherwise.
        connectionsCheckingInterval: 1_000,
      },
      (request, response) => {
        if (!answersHost(request.headers.host, host))
          return refuseHost(response, request.headers.host);
        // The document, and the page built from it, name this server as the browser reached it
        // (a Host answersHost has checked: a loopback name or an address, and digits for a port).
        const origin = `http://${request.headers.host}`;
        if (isGet(request, DOCS_PATH)) return void serveDocs(response, origin);
        const isDocument = isGet(request, ROUTES.getOpenApiDocument.path);
        toApiGatewayEvent(request)
          .then(handle)
          .then((result) =>
            writeResult(
              response,
              isDocument
                ? { ...result, body: namingLocalServer(result.body ?? "", origin) }
                : result,
            ),
          )
          .catch(() =>
            writeProblem(
              response,
              problem(500, "internal", "the local server failed to translate the request"),
            ),
          );
      },
    );
    server.keepAliveTimeout = 65_000;
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
