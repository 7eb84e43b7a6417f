import { execFile } from "node:child_process";
import { type Server as HttpServer, request } from "node:http";
import { type AddressInfo, connect, createServer, type Server } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalApi,
  STALLED_REQUEST_MS,
  serveHttp,
  startLocalApi,
} from "../../local/local-api.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { PROJECT_ROOT } from "../support/source-imports.js";

/** Another program holding a port on this machine. */
const holdPort = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((socket) => socket.end());
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
const portOf = (server: Server) => (server.address() as AddressInfo).port;

let held: Server;
let server: LocalApi;
const options = { port: 0, tableName: "behaviour", ttlSeconds: 1, seedRules: SHIPPED_RULES_DIR };

beforeAll(async () => {
  held = await holdPort();
  server = await startLocalApi(options);
});

afterAll(async () => {
  await server?.stop();
  held?.close();
});

/** What the server sends on a connection that sends `text` and then stalls, up to closing it. */
const cutOff = (text: string): Promise<string> =>
  new Promise((resolve) => {
    let received = "";
    const socket = connect({ port: Number(new URL(server.url).port), host: "127.0.0.1" });
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.once("connect", () => socket.write(text));
    socket.once("close", () => resolve(received));
  });

describe("the local server", () => {
  it("listens on 127.0.0.1 unless told otherwise", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("refuses a DynamoDB Local port another program holds, or takes a free one when allowed", async () => {
    await expect(startLocalApi({ ...options, dynamoPort: portOf(held) })).rejects.toThrow(
      `port ${portOf(held)} is taken by another program`,
    );
    const fallback = await startLocalApi({
      ...options,
      dynamoPort: portOf(held),
      dynamoPortFallback: true,
    });
    try {
      expect(fallback.dynamo.port).not.toBe(portOf(held));
      expect((await fetch(`${fallback.url}/health`)).status).toBe(200);
    } finally {
      await fallback.stop();
    }
  });

  it("npm start says in one line that its HTTP port is taken, and exits 1", async () => {
    const start = join(PROJECT_ROOT, "local", "start.ts");
    const tsx = join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    const failed = await promisify(execFile)(process.execPath, [tsx, start], {
      env: { ...process.env, PORT: String(portOf(held)) },
      encoding: "utf8",
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({
      code: 1,
      stderr: `npm start: port ${portOf(held)} on 127.0.0.1 is taken; set PORT to a free one\n`,
    });
  });

  it("answers the API and /docs only for a loopback Host, so a DNS-rebinding page reads nothing", async () => {
    const { port } = new URL(server.url);
    const status = (path: string, host: string) =>
      new Promise<number>((resolve, reject) =>
        request({ host: "127.0.0.1", port, path, headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
          .once("error", reject)
          .end(),
      );
    for (const path of ["/v1/rules", "/docs"]) {
      expect(await status(path, "rebound.attacker.example")).toBe(421);
      expect(await status(path, `rebound.attacker.example:${port}`)).toBe(421);
      expect(await status(path, `localhost:${port}`)).not.toBe(421);
    }
    expect(await status("/v1/rules", `localhost:${port}`)).toBe(200);
  });

  it("cuts off a client that stalls its headers or its body after a few seconds", async () => {
    // startLocalApi serves through serveHttp: how long a stall is allowed is that server's
    // configuration, and the 408s below show it enforced, rather than a duration measured here.
    const http: HttpServer = await serveHttp(server.service.handle, 0);
    try {
      expect(http.headersTimeout).toBe(STALLED_REQUEST_MS);
      expect(http.requestTimeout).toBe(STALLED_REQUEST_MS);
      // Node enforces both only when it checks, every 30 s unless told: a cut-off can be that late.
      const { connectionsCheckingInterval } = http as HttpServer & {
        connectionsCheckingInterval: number;
      };
      expect(connectionsCheckingInterval).toBeLessThanOrEqual(1_000);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
    const answers = await Promise.all([
      cutOff("POST /v1/select HTTP/1.1\r\nHost: 127.0.0.1\r\n"),
      cutOff("POST /v1/select HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"),
    ]);
    expect(answers).toEqual(
      Array(2).fill("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n"),
    );
  });
});
