import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RuleStore } from "../admin/rule-store.js";
import { RULE_SET_REQUEST_BYTES } from "../core/limits.js";
import { type Launch, newSecret, refusal, secretCookie, secretShown } from "./access.js";
import { type Acting, StudioActions } from "./actions.js";
import { type Asset, studioAssets } from "./bundle.js";
import type { Reply } from "./reply.js";

export interface StudioOptions {
  /** What change requests and rollbacks go through: the CLI's own store, key and audit anchor. */
  readonly store: RuleStore;
  /** 0 or absent: a free port. */
  readonly port?: number | undefined;
  readonly acting: Acting;
}

export interface Studio {
  /** The address to open, with this launch's secret. */
  readonly url: string;
  readonly origin: string;
  readonly secret: string;
  /** The cookie (name=value) a browser holds once it has opened `url`. */
  readonly cookie: string;
  stop(): Promise<void>;
}

// The page loads only its own files; nothing may frame it or learn where it was opened from.
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

const VERSION_PATH = /^\/api\/versions\/(\d+)(\/csv)?$/;

type Route = (request: IncomingMessage, url: URL) => Promise<Reply | Asset> | Reply | Asset;

/**
 * The studio: a local web server on 127.0.0.1 that serves the page and a thin JSON adapter over
 * {@link StudioActions}. Every request must show the launch secret (the printed URL, then a
 * cookie) and name the studio as its host; every state-changing one must come from its origin.
 */
export const startStudio = async (options: StudioOptions): Promise<Studio> => {
  const assets = await studioAssets();
  const secret = newSecret();
  const actions = new StudioActions(options.store, options.acting);
  // A table that cannot be read fails the launch, with the CLI's one line, not the page later.
  await actions.versions();
  let launch: Launch | undefined;
  const route = routes(actions, assets);
  const server = createServer((request, response) => {
    if (!launch) return send(response, { status: 503, body: { error: "starting" } });
    const url = new URL(request.url ?? "/", "http://studio.invalid");
    const refused = refusal(request, url, launch);
    if (refused) return send(response, { status: 403, body: { error: `forbidden: ${refused}` } });
    if (url.pathname === "/" && secretShown(request, url, launch) === "url")
      return enter(response, launch);
    handle(route, request, url, response);
  });
  const port = await listen(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  launch = { secret, cookie: secretCookie(port), origins: [origin, `http://localhost:${port}`] };
  return {
    url: `${origin}/?secret=${secret}`,
    origin,
    secret,
    cookie: `${launch.cookie}=${secret}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });

/** The printed URL opened: the secret moves into a cookie only this origin sends, and out of the address bar. */
const enter = (response: ServerResponse, { cookie, secret }: Launch): void => {
  response.writeHead(303, {
    ...SECURITY_HEADERS,
    location: "/",
    "set-cookie": `${cookie}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
  });
  response.end();
};

const routes =
  (actions: StudioActions, assets: Map<string, Asset>): Route =>
  async (request, url) => {
    const { pathname } = url;
    const method = request.method ?? "GET";
    const asset = assets.get(pathname);
    if (asset && method === "GET") return asset;
    if (pathname === "/api/versions" && method === "GET") return actions.versions();
    const version = VERSION_PATH.exec(pathname);
    if (version && method === "GET")
      return version[2] ? actions.csv(Number(version[1])) : actions.version(Number(version[1]));
    if (pathname === "/api/csv" && method === "POST")
      return actions.readCsv(await bodyText(request));
    if (pathname === "/api/requests" && method === "GET") return actions.requests();
    if (pathname === "/api/requests" && method === "POST")
      return actions.propose(await bodyJson(request));
    if (pathname === "/api/rollback" && method === "POST")
      return actions.rollback(await bodyJson(request));
    return { status: 404, body: { error: `no route ${method} ${pathname}` } };
  };

class BadBody extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

const bodyText = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > RULE_SET_REQUEST_BYTES)
      throw new BadBody(
        `the request body is over ${RULE_SET_REQUEST_BYTES / 1024} KiB, more than the largest rule set publish accepts`,
        413,
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
};

const bodyJson = async (request: IncomingMessage): Promise<unknown> => {
  const text = await bodyText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new BadBody("the request body is not JSON");
  }
};

const handle = (route: Route, request: IncomingMessage, url: URL, response: ServerResponse) => {
  Promise.resolve()
    .then(() => route(request, url))
    .then((answer) => send(response, answer))
    .catch((error: unknown) => {
      if (error instanceof BadBody)
        return send(response, { status: error.status, body: { error: error.message } });
      // The SDK's text names internals; the page gets one plain line, the terminal the detail.
      process.stderr.write(`studio: ${request.method} ${url.pathname}: ${String(error)}\n`);
      send(response, {
        status: 503,
        body: {
          error: "the rules table could not be reached; check your credentials and try again",
        },
      });
    });
};

const send = (response: ServerResponse, answer: Reply | Asset): void => {
  if ("type" in answer) {
    response.writeHead(200, { ...SECURITY_HEADERS, "content-type": answer.type });
    response.end(answer.body);
  } else if (typeof answer.body === "string") {
    response.writeHead(answer.status, {
      ...SECURITY_HEADERS,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": "attachment",
    });
    response.end(answer.body);
  } else {
    response.writeHead(answer.status, {
      ...SECURITY_HEADERS,
      "content-type": "application/json",
    });
    response.end(JSON.stringify(answer.body));
  }
};
