import { inject } from "vitest";
import { localAwsEnv } from "../../local/dynamodb-local.js";

// The code under test finds DynamoDB Local exactly as it finds AWS: through the SDK's own variables.
Object.assign(process.env, localAwsEnv(inject("dynamoEndpoint")));
