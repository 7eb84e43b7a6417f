import { randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createRulesTable } from "../../admin/create-table.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";

/** A new, empty rules table in the test run's DynamoDB Local, so tests never see each other's rules. */
export const freshTable = async (prefix = "rules"): Promise<string> => {
  const tableName = `${prefix}-${randomUUID()}`;
  const client = createDynamoClient();
  try {
    await createRulesTable(client, tableName);
  } finally {
    client.destroy();
  }
  return tableName;
};

export const dynamoClient = (): DynamoDBClient => createDynamoClient();
