// `npm run studio`: the studio on the DynamoDB Local that `npm start` runs, with its table.

import { program } from "../cli/main.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../local/dynamodb-local.js";

const env = process.env;
env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://127.0.0.1:${env.DYNAMODB_LOCAL_PORT ?? 8000}`;
env.AWS_REGION ??= LOCAL_REGION;
env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
const table = env.CODE_RULES_TABLE ?? "code-rules-local";

await program.parseAsync(["--table", table, "studio", ...process.argv.slice(2)], { from: "user" });
