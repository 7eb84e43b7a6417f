/**
 * The rules table's key schema: the one definition that `code-rules init` (DynamoDB Local) and the
 * CDK stack both create the table from.
 */
export const RULES_TABLE_KEYS = {
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const;
