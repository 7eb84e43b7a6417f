import { inject } from "vitest";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../local/dynamodb-local.js";

// The code under test finds DynamoDB Local exactly as it finds AWS: through the SDK's own variables.
process.env.AWS_ENDPOINT_URL_DYNAMODB = inject("dynamoEndpoint");
process.env.AWS_REGION = LOCAL_REGION;
process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
