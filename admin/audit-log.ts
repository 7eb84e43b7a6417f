import { randomUUID } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { err, ok, type Result } from "../core/result.js";
import { pointerSignatureHolds } from "../store/pointer-signature.js";
import type { Verifier } from "../store/signature.js";
import {
  type ActivePointer,
  type AuditEntry,
  type AuditHead,
  type AuditRecord,
  keys,
} from "../store/table-items.js";
import { withoutKeys } from "../store/version-reader.js";
import type { AdminTable, TransactItem } from "./admin-table.js";
import { type ChainCheck, chainEntry, checkAuditChain } from "./audit-chain.js";
import { stateDisagreements } from "./trail-state.js";

/** An audit append lost to another append this many times running is reported, not retried. */
const AUDIT_APPEND_ATTEMPTS = 5;

/** The audit trail, newest first. */
export const readAudit = async (table: AdminTable): Promise<AuditEntry[]> =>
  (await table.queryAll(keys.audit, false))
    .map((item) => withoutKeys<AuditEntry>(item))
    .sort((a, b) => (b.sequence ?? 0) - (a.sequence ?? 0));

/** The newest entry's number and hash, kept beside the pointer. */
export const readAuditHead = async (table: AdminTable): Promise<AuditHead | undefined> => {
  const item = await table.getItem(keys.pointer, keys.auditHead);
  return item && { sequence: Number(item.sequence), hash: String(item.hash) };
};

/** Reads of a trail taken while appends kept landing between them are tried again this often. */
const SNAPSHOT_ATTEMPTS = 5;

/** The trail, its head, the pointer and whatever else was asked, as of one moment. */
export interface TrailSnapshot<T> {
  readonly entries: AuditEntry[];
  readonly head: AuditHead | undefined;
  readonly pointer: ActivePointer | undefined;
  readonly also: T;
  /** False when appends kept landing between the reads: then nothing read is of one moment. */
  readonly stable: boolean;
}

/**
 * The trail, its head, the pointer and `also` (what the caller needs besides), read between two
 * reads of the head that agree: every append moves the head in the same transaction as what it
 * records, so nothing read in between belongs to another moment. Read while appends keep landing,
 * it is read again.
 */
export const readTrailSnapshot = async <T>(
  table: AdminTable,
  also: () => Promise<T>,
): Promise<TrailSnapshot<T>> => {
  for (let attempt = 1; ; attempt += 1) {
    const head = await readAuditHead(table);
    const [entries, pointer, alsoRead] = await Promise.all([
      readAudit(table),
      table.activePointer(),
      also(),
    ]);
    const again = await readAuditHead(table);
    const stable = again?.hash === head?.hash;
    if (stable || attempt >= SNAPSHOT_ATTEMPTS)
      return { entries, head, pointer, also: alsoRead, stable };
  }
};

/**
 * Checks the audit trail's hash chain and signatures against the head the table keeps, then the
 * table's pointer, statuses and revocations against the trail.
 */
export const verifyAudit = async (table: AdminTable, verify: Verifier): Promise<ChainCheck> => {
  const {
    entries,
    head,
    pointer,
    also: versions,
    stable,
  } = await readTrailSnapshot(table, () => table.listVersions());
  if (!stable)
    return {
      ok: false,
      entry: undefined,
      reason: "it kept changing while it was read (appends landing); run the check again",
    };
  const chain = checkAuditChain(entries, head, verify);
  if (!chain.ok) return chain;
  const pointerSigned = pointer !== undefined && pointerSignatureHolds(verify, pointer);
  const disagreements = stateDisagreements(entries, { pointer, pointerSigned, versions });
  return disagreements.length === 0
    ? chain
    : {
        ok: false,
        entry: undefined,
        reason: `the table disagrees with it: ${disagreements.join("; ")}`,
      };
};

/** Why an append wrote nothing: which of the items failed their conditions; none when the head kept moving. */
export interface AppendRefused {
  readonly failedItems: readonly number[];
}

/**
 * Writes `items` and the next audit entry in one transaction. Appends are serialized on the
 * chain's head: when only the head moved (another admin's entry came first), the entry is
 * chained again after it; when one of `items` fails its condition, nothing is written.
 */
export const appendAudit = async (
  table: AdminTable,
  record: AuditRecord,
  items: readonly TransactItem[],
): Promise<Result<void, AppendRefused>> => {
  for (let attempt = 1; ; attempt += 1) {
    const head = await readAuditHead(table);
    const entry = await chainEntry(table.signer, record, head);
    try {
      await table.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            ...items,
            {
              Put: {
                TableName: table.tableName,
                Item: {
                  pk: keys.audit,
                  sk: keys.auditEntry(record.at, randomUUID()),
                  ...entry,
                },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            headMove(table.tableName, entry, head),
          ],
        }),
      );
      return ok(undefined);
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failedItems = (error.CancellationReasons ?? [])
        .slice(0, items.length)
        .flatMap((reason, index) => (reason.Code === "ConditionalCheckFailed" ? [index] : []));
      if (failedItems.length > 0 || attempt >= AUDIT_APPEND_ATTEMPTS) return err({ failedItems });
    }
  }
};

/** The head moved to the new entry, only from the head the entry was chained to. */
const headMove = (
  tableName: string,
  entry: AuditHead,
  head: AuditHead | undefined,
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { pk: keys.pointer, sk: keys.auditHead, sequence: entry.sequence, hash: entry.hash },
    ...(head
      ? {
          ConditionExpression: "#sequence = :sequence",
          ExpressionAttributeNames: { "#sequence": "sequence" },
          ExpressionAttributeValues: { ":sequence": head.sequence },
        }
      : { ConditionExpression: "attribute_not_exists(pk)" }),
  },
});
