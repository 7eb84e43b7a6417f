/**
 * The rules table's key schema: the one definition that `code-rules init` (DynamoDB Local) and the
 * CDK stack both create the table from.
 */
export const RULES_TABLE_KEYS = {
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const;

/**
 * The partition key prefix of a version's content items (one partition per version). The admin
 * policy lets deletes and batch writes reach these partitions only: never the metadata, the
 * pointer or the audit trail.
 */
export const CONTENT_PARTITION_PREFIX = "VERSION#";
