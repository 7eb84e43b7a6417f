import { fileURLToPath } from "node:url";
import { startLocalServer } from "../local/local-server.js";

// The server as `npm start` runs it, on an in-memory DynamoDB Local; it prints one JSON line when ready.
process.env.POWERTOOLS_METRICS_DISABLED = "true";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

const server = await startLocalServer({
  port: 0,
  tableName: "bench-rules",
  ttlSeconds: Number(process.env.RULES_CACHE_TTL_SECONDS ?? 5),
  seedRules: fileURLToPath(new URL("../rules", import.meta.url)),
});
console.log(
  JSON.stringify({ url: server.url, endpoint: server.dynamo.endpoint, table: server.tableName }),
);
process.on("SIGTERM", () => {
  void server.stop().then(() => process.exit(0));
});
