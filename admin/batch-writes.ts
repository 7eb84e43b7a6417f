import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { AdminTable } from "./admin-table.js";

const BATCH_WRITE_LIMIT = 25;

type WriteRequest =
  | { readonly PutRequest: { readonly Item: Record<string, unknown> } }
  | { readonly DeleteRequest: { readonly Key: Record<string, unknown> } };

/** Batches of 25 puts or deletes, unprocessed ones retried with backoff. */
export const writeBatches = async (
  table: AdminTable,
  requests: readonly WriteRequest[],
): Promise<void> => {
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
    let pending = requests.slice(start, start + BATCH_WRITE_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await backoff(Math.min(1_000, 50 * 2 ** attempt));
      const { UnprocessedItems } = await table.documents.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }),
      );
      pending = (UnprocessedItems?.[table.tableName] ?? []) as WriteRequest[];
    }
  }
};

const backoff = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
