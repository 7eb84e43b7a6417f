import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SELECT_ANSWER } from "./select-answer.js";

// The floor for HTTP throughput on this machine: a Node server that answers a constant JSON body,
// the very answer the selectCode route gives to the benchmark's request, so both send as many bytes.
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(SELECT_ANSWER)),
    });
    response.end(SELECT_ANSWER);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, () => {
  console.log(
    JSON.stringify({ url: `http://localhost:${(server.address() as AddressInfo).port}` }),
  );
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
