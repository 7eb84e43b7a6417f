import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { ROUTES } from "../http/routes.js";
import { localAwsEnv } from "./dynamodb-local.js";
import { type LocalApi, startLocalApi } from "./local-api.js";
import { LOCAL_DATA_ENV, LOCAL_DEFAULTS, LOCAL_ENV, localSettings } from "./local-defaults.js";
import { SeedRulesRefused } from "./seed-rules.js";

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

Serves the code-rules API on http://$HOST:$PORT (default ${LOCAL_DEFAULTS.host}:${LOCAL_DEFAULTS.port}) over an embedded
DynamoDB Local whose data lives in .local-data/ across restarts; --fresh starts with an empty
database. The shipped rules (rules/) are published as version 1 when the table has none. The studio
is served at /studio, signing in at a local OpenID provider with two people: an editor, an approver.

Environment: ${LOCAL_ENV.host} (${LOCAL_DEFAULTS.host}; 0.0.0.0 serves every interface), ${LOCAL_ENV.port} (${LOCAL_DEFAULTS.port}),
${LOCAL_ENV.dynamoPort} (${LOCAL_DEFAULTS.dynamoPort}, or a free port when another program holds ${LOCAL_DEFAULTS.dynamoPort}; a port you set that
another program holds is refused), ${LOCAL_ENV.table} (${LOCAL_DEFAULTS.table}), ${LOCAL_ENV.ttlSeconds} (${LOCAL_DEFAULTS.ttlSeconds}),
${LOCAL_DATA_ENV} (the data and signing key folder, ${dirname(LOCAL_DEFAULTS.signingKeyFile)}).`);
  process.exit(0);
}

const settings = localSettings();
let server: LocalApi;
try {
  server = await startLocalApi({
    port: settings.port,
    host: settings.host,
    dynamoPort: settings.dynamoPort,
    dynamoPortFallback: !settings.dynamoPortChosen,
    tableName: settings.table,
    ttlSeconds: settings.ttlSeconds,
    dataDir: LOCAL_DEFAULTS.dynamoDataDir,
    fresh: values.fresh,
    seedRules: LOCAL_DEFAULTS.shippedRules,
    studio: true,
  });
} catch (error) {
  // Whatever stops the start (a taken port, no Java) is one line, not a stack trace or Java's log;
  // rules refused are that line and one more per problem, so the reader knows what to fix.
  const { message } = error as Error;
  console.error(
    `npm start: ${error instanceof SeedRulesRefused ? message : message.split("\n")[0]}`,
  );
  process.exit(1);
}
if (server.dynamo.port !== settings.dynamoPort) {
  console.log(
    `Port ${settings.dynamoPort} is held by another program; DynamoDB Local runs on ${server.dynamo.port} instead.`,
  );
}

// The CLI's environment for this server, said from the one place DynamoDB Local's settings live.
const cliEnv = Object.entries({
  ...localAwsEnv(server.dynamo.endpoint),
  [LOCAL_ENV.table]: server.tableName,
})
  .map(([name, value]) => `${name}=${value}`)
  .join(" ");

const people = (server.studio?.users ?? [])
  .map(({ username, password, name }) => `${username} / ${password} (${name})`)
  .join(", ");

console.log(`code-rules is serving on ${server.url}
  DynamoDB Local  ${server.dynamo.endpoint}
  rules table     ${server.tableName}${server.seeded ? " (shipped rules published as version 1)" : ""}

Studio:  ${server.studio?.url}   sign in as ${people}
  (the local sign-in at ${server.studio?.issuer} stands in for the organisation's)

Try:  curl -s ${server.url}${ROUTES.selectCode.path} -d '{"procedure":"ecmo-cannula-insertion-percutaneous","dateOfBirth":"2020-11-25","dateOfService":"2026-11-24"}'
Change its rules (the README's "One rule change"):  export ${cliEnv}
  npx code-rules export -o /tmp/rules.yaml                                          (then edit it)
  ${LOCAL_ENV.identity}=alex npx code-rules change create /tmp/rules.yaml -m "what changes" --allow-past-changes   (propose, as alex; the flag asks leave to re-answer past dates)
  ${LOCAL_ENV.identity}=sam npx code-rules change approve 1                                  (approve, as a second person)
  ${LOCAL_ENV.identity}=alex npx code-rules change publish 1
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
