/**
 * The rules table's key schema: the one definition that `code-rules init` (DynamoDB Local) and the
 * CDK stack both create the table from.
 */
export const RULES_TABLE_KEYS = {
  partitionKey: { name: "pk", type: "S" },
  sortKey: { name: "sk", type: "S" },
} as const;

/**
 * The partitions of the rules table (see table-items.ts): each version's content under
 * `VERSION#<n>`, the version metadata, the active pointer and counter, the audit trail (which also
 * holds the approvals setting), and the change requests (and their counter). The
 * stack's admin policy grants each write action on the partitions it needs, and no more: deletes
 * and batch writes reach content partitions only (what `gc` collects), never the metadata, the
 * pointer or the audit trail.
 */
export const RULES_TABLE_PARTITIONS = {
  contentPrefix: "VERSION#",
  versions: "VERSIONS",
  pointer: "POINTER",
  audit: "AUDIT",
  requests: "REQUESTS",
} as const;
