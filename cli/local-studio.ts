// `npm run studio`: the studio on the DynamoDB Local that `npm start` runs, with its table.

import { localAwsEnv, localEndpoint } from "../local/dynamodb-local.js";
import { localSettings } from "../local/local-defaults.js";
import { runCli } from "./main.js";

const { dynamoPort, table } = localSettings();
// What the environment already says wins: another endpoint, region or credentials.
for (const [name, value] of Object.entries(localAwsEnv(localEndpoint(dynamoPort))))
  process.env[name] ??= value;

process.exitCode = await runCli(["--table", table, "studio", ...process.argv.slice(2)]);
