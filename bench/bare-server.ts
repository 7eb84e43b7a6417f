import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// The floor for HTTP throughput on this machine: a Node server that answers a constant JSON body,
// the very answer POST /v1/select gives to the benchmark's request, so both send as many bytes.
const body = JSON.stringify({
  code: "33951",
  text: "Insert ECMO/ECLS peripheral cannula(s) through the skin (percutaneous), birth through 5 years",
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfService: "2026-11-24",
  age: { years: 5, months: 11, days: 30 },
  band: "birth through 5 years",
  ruleId: "ecmo-cannula-insertion-percutaneous-33951",
  ruleVersion: 1,
  explanation: "5 years old on 2026-11-24 (completed years); 'birth through 5 years' selects 33951",
});
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
    });
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
