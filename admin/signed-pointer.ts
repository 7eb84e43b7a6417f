import { pointerSigningPayload } from "../store/pointer-signature.js";
import { type ActivePointer, type AuditHead, keys } from "../store/table-items.js";
import type { AdminTable, TransactItem } from "./admin-table.js";

/** What a move or a revocation says the pointer becomes; its revision and signature are added here. */
export type PointerChange = Omit<ActivePointer, "revision" | "signature" | "revoked" | "entry"> & {
  /** Every revoked version, as the verified audit trail lists them: never the pointer's own list. */
  readonly revoked: readonly number[];
};

/** A condition on the pointer as it stands, beside the one that it is the pointer that was read. */
export interface PointerCondition {
  readonly expression: string;
  readonly values: Record<string, unknown>;
}

/**
 * The pointer written signed, as one item of a move's or a revocation's transaction: only over
 * the pointer that was read (its revision; none for a pointer written before pointers were signed,
 * or no pointer at all), and only where `condition` holds. Its revoked versions come from the
 * verified trail, never from the item read, so a list shortened by hand is never signed. It names
 * `entry`, the audit entry written in the same transaction, so it is bound to the chain.
 */
export const signedPointerPut = async (
  table: AdminTable,
  current: ActivePointer | undefined,
  next: PointerChange,
  entry: AuditHead,
  condition?: PointerCondition,
): Promise<TransactItem> => {
  const unsigned: ActivePointer = {
    ...next,
    revoked: [...new Set(next.revoked)].sort((a, b) => a - b),
    revision: (current?.revision ?? 0) + 1,
    entry: { sequence: entry.sequence, hash: entry.hash },
  };
  const signature = await table.signer.sign(pointerSigningPayload(unsigned));
  const asRead = !current
    ? "attribute_not_exists(pk)"
    : current.revision === undefined
      ? "attribute_not_exists(revision)"
      : "revision = :revision";
  return {
    Put: {
      TableName: table.tableName,
      Item: { pk: keys.pointer, sk: keys.active, ...unsigned, signature },
      ConditionExpression: condition ? `${asRead} AND ${condition.expression}` : asRead,
      ...((current?.revision !== undefined || condition) && {
        ExpressionAttributeValues: {
          ...(current?.revision !== undefined && { ":revision": current.revision }),
          ...condition?.values,
        },
      }),
    },
  };
};
