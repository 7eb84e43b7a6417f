import { startLocalApi } from "../local/local-api.js";
import { LOCAL_DEFAULTS, localSettings } from "../local/local-defaults.js";

// The server as `npm start` runs it, on an in-memory DynamoDB Local; it prints one JSON line when ready.
process.env.POWERTOOLS_METRICS_DISABLED = "true";
process.env.POWERTOOLS_LOG_LEVEL ??= "WARN";

const server = await startLocalApi({
  port: 0,
  tableName: "bench-rules",
  ttlSeconds: localSettings().ttlSeconds,
  seedRules: LOCAL_DEFAULTS.shippedRules,
});
console.log(
  JSON.stringify({ url: server.url, endpoint: server.dynamo.endpoint, table: server.tableName }),
);
process.on("SIGTERM", () => {
  void server.stop().then(() => process.exit(0));
});
