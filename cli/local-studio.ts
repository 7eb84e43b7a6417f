// `npm run studio`: the studio on the DynamoDB Local that `npm start` runs, with its table.

import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../local/dynamodb-local.js";
import { localSettings } from "../local/local-defaults.js";
import { runCli } from "./main.js";

const env = process.env;
const { dynamoPort, table } = localSettings(env);
env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://127.0.0.1:${dynamoPort}`;
env.AWS_REGION ??= LOCAL_REGION;
env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;

process.exitCode = await runCli(["--table", table, "studio", ...process.argv.slice(2)]);
