import { request, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiHandler } from "../../http/app.js";
import { serveHttp } from "../../local/local-api.js";

/** A handler that answers every request it is handed, so that only the Host check refuses. */
const handle: ApiHandler = async () => ({ statusCode: 200, body: "handled" });

interface Reply {
  readonly status: number;
  readonly type: string | undefined;
  readonly body: string;
}

/** GET `path` from `server` over 127.0.0.1, naming `host` in the Host header. */
const get = (server: Server, path: string, host: string): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const sent = request({ host: "127.0.0.1", port, path, headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers["content-type"], body }),
      );
    });
    sent.once("error", reject);
    sent.end();
  });

/** The status line of a request sent as raw HTTP/1.0, which may leave out Host altogether. */
const statusWithoutHost = (server: Server): Promise<string> =>
  new Promise((resolve) => {
    const { port } = server.address() as AddressInfo;
    const socket = connect({ port, host: "127.0.0.1" });
    let received = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.once("connect", () => socket.write("GET /health HTTP/1.0\r\n\r\n"));
    socket.once("close", () => resolve(received.split("\r\n")[0] ?? ""));
  });

let onLoopback: Server;
let onEveryInterface: Server;

beforeAll(async () => {
  onLoopback = await serveHttp(handle, 0, "127.0.0.1");
  onEveryInterface = await serveHttp(handle, 0, "0.0.0.0");
});

afterAll(async () => {
  await Promise.all(
    [onLoopback, onEveryInterface].map(
      (server) => new Promise((resolve) => server?.close(resolve)),
    ),
  );
});

const REBINDING_HOSTS = [
  "attacker.example",
  "attacker.example:3000",
  "127.0.0.1.attacker.example",
  "localhost.attacker.example:3000",
  "[::1].attacker.example",
  "127.0.0.1:3000@attacker.example",
];

describe("the local server's Host check (DNS rebinding)", () => {
  it.each(["127.0.0.1", "127.0.0.1:3000", "localhost", "LOCALHOST:3000", "[::1]", "[::1]:8080"])(
    "answers a request for %s, the API and /docs alike",
    async (host) => {
      expect(await get(onLoopback, "/health", host)).toMatchObject({
        status: 200,
        body: "handled",
      });
      expect((await get(onLoopback, "/docs", host)).status).not.toBe(421);
    },
  );

  it.each(REBINDING_HOSTS)(
    "refuses %s with 421 and a problem, the API and /docs alike",
    async (host) => {
      for (const path of ["/health", "/docs", "/v1/rules"]) {
        const reply = await get(onLoopback, path, host);
        expect(reply.status).toBe(421);
        expect(reply.type).toBe("application/problem+json");
        expect(JSON.parse(reply.body)).toMatchObject({
          status: 421,
          title: "Misdirected Request",
          detail: expect.stringContaining(JSON.stringify(host)),
        });
      }
    },
  );

  it("refuses a request that names no host", async () => {
    expect(await statusWithoutHost(onLoopback)).toBe("HTTP/1.1 421 Misdirected Request");
  });

  it("told to listen beyond this machine, answers its addresses as well, never a name", async () => {
    for (const host of ["192.0.2.7:3000", "[fd00::2]:3000", "localhost:3000"])
      expect((await get(onEveryInterface, "/health", host)).status).toBe(200);
    for (const host of [...REBINDING_HOSTS, "my-laptop.local:3000"])
      expect((await get(onEveryInterface, "/health", host)).status).toBe(421);
  });

  it("on loopback, answers no address but a loopback one", async () => {
    expect((await get(onLoopback, "/health", "192.0.2.7:3000")).status).toBe(421);
  });
});
