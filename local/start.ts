import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ROUTES } from "../lambda/api/routes.js";
import { LOCAL_PORT } from "../lambda/api/servers.js";
import { DEFAULT_HOST, type LocalServer, startLocalServer } from "./local-server.js";

// Per-request metrics would bury what this prints.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";

const { values } = parseArgs({
  options: {
    fresh: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(`npm start [-- --fresh]

Serves the code-rules API on http://$HOST:$PORT (default ${DEFAULT_HOST}:${LOCAL_PORT}) over an embedded
DynamoDB Local whose data lives in .local-data/ across restarts; --fresh starts with an empty
database. The shipped rules (rules/) are published as version 1 when the table has none.

Environment: HOST (${DEFAULT_HOST}; 0.0.0.0 serves every interface), PORT (${LOCAL_PORT}),
DYNAMODB_LOCAL_PORT (8000, or a free port when another program holds 8000; a port you set that
another program holds is refused), CODE_RULES_TABLE (code-rules-local), RULES_CACHE_TTL_SECONDS (5).`);
  process.exit(0);
}

const env = process.env;
const DEFAULT_DYNAMO_PORT = 8000;
const DYNAMO_PORT = Number(env.DYNAMODB_LOCAL_PORT ?? DEFAULT_DYNAMO_PORT);
let server: LocalServer;
try {
  server = await startLocalServer({
    port: Number(env.PORT ?? LOCAL_PORT),
    host: env.HOST ?? DEFAULT_HOST,
    dynamoPort: DYNAMO_PORT,
    dynamoPortFallback: env.DYNAMODB_LOCAL_PORT === undefined,
    tableName: env.CODE_RULES_TABLE ?? "code-rules-local",
    ttlSeconds: Number(env.RULES_CACHE_TTL_SECONDS ?? 5),
    dataDir: fileURLToPath(new URL("../.local-data/dynamodb", import.meta.url)),
    fresh: values.fresh,
    seedRules: fileURLToPath(new URL("../rules", import.meta.url)),
  });
} catch (error) {
  // Whatever stops the start (a taken port, no Java) is one line, not a stack trace.
  console.error(`npm start: ${(error as Error).message.split("\n")[0]}`);
  process.exit(1);
}
if (server.dynamo.port !== DYNAMO_PORT) {
  console.log(
    `Port ${DEFAULT_DYNAMO_PORT} is held by another program; DynamoDB Local runs on ${server.dynamo.port} instead.`,
  );
}

console.log(`code-rules is serving on ${server.url}
  DynamoDB Local  ${server.dynamo.endpoint}
  rules table     ${server.tableName}${server.seeded ? " (shipped rules published as version 1)" : ""}

Try:  curl -s ${server.url}${ROUTES.selectCode.path} -d '{"procedure":"ecmo-cannula-insertion-percutaneous","dateOfBirth":"2020-11-25","dateOfService":"2026-11-24"}'
Publish to it:  AWS_ENDPOINT_URL_DYNAMODB=${server.dynamo.endpoint} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local CODE_RULES_TABLE=${server.tableName} npx code-rules publish rules/
Ctrl-C stops the server and DynamoDB Local.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping...");
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
