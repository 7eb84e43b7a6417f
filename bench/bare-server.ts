import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// The floor for HTTP throughput on this machine: a Node server that answers a constant JSON body.
const body = JSON.stringify({ code: "33951", explanation: "constant" });
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, () => {
  console.log(
    JSON.stringify({ url: `http://localhost:${(server.address() as AddressInfo).port}` }),
  );
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
