import type { AddressInfo } from "node:net";
import type { ApiHandler } from "../http/app.js";
import { serveHttp } from "../local/local-api.js";
import { SELECT_ANSWER } from "./select-answer.js";

// The local server's HTTP-to-API-Gateway bridge around a handler that only returns the answer:
// what the adapter costs, apart from the API's own work.
const constantAnswer: ApiHandler = async () => ({
  statusCode: 200,
  headers: { "content-type": "application/json", "cache-control": "no-store" },
  body: SELECT_ANSWER,
});
const server = await serveHttp(constantAnswer, 0);
console.log(JSON.stringify({ url: `http://localhost:${(server.address() as AddressInfo).port}` }));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
