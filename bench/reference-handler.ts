import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

// The floor the bundled SDK sets for cold start: a handler that only constructs a DynamoDB client.
const client = new DynamoDBClient({});

export const handler = async () => ({ statusCode: 200, body: client.config.serviceId });
