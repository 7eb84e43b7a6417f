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
  type SignedHead,
} from "../store/table-items.js";
import { withoutKeys } from "../store/version-reader.js";
import type { AdminTable, TransactItem } from "./admin-table.js";
import { headSignatureHolds, NotAHead } from "./audit-anchor.js";
import { type ChainCheck, chainEntry, checkAuditChain } from "./audit-chain.js";
import { oneLine } from "./store-refusal.js";
import { stateDisagreements } from "./trail-state.js";

/** An audit append lost to another append this many times running is reported, not retried. */
const AUDIT_APPEND_ATTEMPTS = 5;

/** The audit trail, newest first. */
export const readAudit = async (table: AdminTable): Promise<AuditEntry[]> =>
  (await table.queryAll(keys.audit, false))
    .map((item) => withoutKeys<AuditEntry>(item))
    .sort((a, b) => (b.sequence ?? 0) - (a.sequence ?? 0));

/** The newest entry's number, hash and signature (none on a head written before heads were signed), kept beside the pointer. */
export const readAuditHead = async (table: AdminTable): Promise<TableHead | undefined> => {
  const item = await table.getItem(keys.pointer, keys.auditHead);
  return (
    item && {
      sequence: Number(item.sequence),
      hash: String(item.hash),
      ...(typeof item.signature === "string" && { signature: item.signature }),
    }
  );
};

/** The head as the table keeps it. */
export type TableHead = AuditHead & Partial<Pick<SignedHead, "signature">>;

/** Reads of a trail taken while appends kept landing between them are tried again this often. */
const SNAPSHOT_ATTEMPTS = 5;

/** The trail, its head, the pointer and whatever else was asked, as of one moment. */
export interface TrailSnapshot<T> {
  readonly entries: AuditEntry[];
  readonly head: TableHead | undefined;
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

/** What `audit --verify` found: the chain's check, and the newest head kept outside the table. */
export type AuditCheck = ChainCheck & {
  /** Where heads are kept, and the newest one there (none before the first append kept one). */
  readonly anchored: { readonly where: string; readonly sequence: number | undefined };
};

/**
 * Checks the audit trail against the newest head kept outside the table, then its hash chain and
 * signatures against the head the table keeps, then the table's pointer, statuses and revocations
 * against the trail.
 */
export const verifyAudit = async (table: AdminTable, verify: Verifier): Promise<AuditCheck> => {
  // Read before the trail: a head kept while the trail is read is newer than the trail read.
  const kept = await newestKept(table, verify);
  const anchored = {
    where: table.anchor.where,
    sequence: kept.ok ? kept.value?.sequence : undefined,
  };
  if (!kept.ok) return { ok: false, entry: undefined, reason: kept.error, anchored };
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
      anchored,
    };
  const cut = kept.value && cutBelow(entries, kept.value, table.anchor.where);
  if (cut) return { ok: false, entry: undefined, reason: cut, anchored };
  const chain = checkAuditChain(entries, head, verify);
  if (!chain.ok) return { ...chain, anchored };
  if (
    head?.signature !== undefined &&
    !headSignatureHolds(verify, { ...head, signature: head.signature })
  )
    return {
      ok: false,
      entry: undefined,
      reason: "the table's head is not signed by the signing key",
      anchored,
    };
  const pointerSigned = pointer !== undefined && pointerSignatureHolds(verify, pointer);
  const disagreements = stateDisagreements(entries, { pointer, pointerSigned, versions });
  return disagreements.length === 0
    ? { ...chain, anchored }
    : {
        ok: false,
        entry: undefined,
        reason: `the table disagrees with it: ${disagreements.join("; ")}`,
        anchored,
      };
};

/** The newest head kept outside the table, if its signature holds. */
const newestKept = async (
  table: AdminTable,
  verify: Verifier,
): Promise<Result<SignedHead | undefined, string>> => {
  const { where } = table.anchor;
  let kept: SignedHead | undefined;
  try {
    kept = await table.anchor.newest();
  } catch (error) {
    // An anchor that cannot be reached says nothing of the trail: that error goes to the caller.
    if (!(error instanceof NotAHead)) throw error;
    return err(`what is kept in ${where} was written by another hand: ${error.message}`);
  }
  if (kept && !headSignatureHolds(verify, kept))
    return err(
      `the newest head kept in ${where} (entry ${kept.sequence}) is not signed by the signing key`,
    );
  return ok(kept);
};

/** Why the trail does not reach the head kept outside the table, if it does not: it was cut back or rewritten. */
const cutBelow = (
  entries: readonly AuditEntry[],
  kept: SignedHead,
  where: string,
): string | undefined => {
  const there = entries.find((entry) => entry.sequence === kept.sequence);
  if (there?.hash === kept.hash) return undefined;
  const last = Math.max(0, ...entries.map((entry) => entry.sequence ?? 0));
  const found = there
    ? `its entry ${kept.sequence} is another entry`
    : `the trail ends at entry ${last}`;
  return `the head kept in ${where} is entry ${kept.sequence} (hash ${kept.hash.slice(0, 12)}…), but ${found}: entries were removed or rewritten, or the trail deleted`;
};

/** Why an append wrote nothing: which of the items failed their conditions; none when the head kept moving. */
export interface AppendRefused {
  readonly failedItems: readonly number[];
}

/** What an append writes besides its entry: items, or items made for the entry (a pointer bound to it). */
export type AppendItems =
  | readonly TransactItem[]
  | ((entry: AuditHead) => Promise<readonly TransactItem[]>);

/**
 * Writes `items` and the next audit entry in one transaction, then keeps a copy of the new head
 * outside the table. Appends are serialized on the chain's head: when only the head moved
 * (another admin's entry came first), the entry is chained again after it; when one of `items`
 * fails its condition, nothing is written.
 */
export const appendAudit = async (
  table: AdminTable,
  record: AuditRecord,
  items: AppendItems,
): Promise<Result<void, AppendRefused>> => {
  // Where the head will be kept is known before anything is written: a run with nowhere to keep
  // it (no CODE_RULES_AUDIT_ANCHOR on AWS) is refused here, not after its change went live.
  const where = table.anchor.where;
  for (let attempt = 1; ; attempt += 1) {
    const head = await readAuditHead(table);
    const entry = await chainEntry(table.signer, record, head);
    const written = typeof items === "function" ? await items(entry) : items;
    try {
      await table.documents.send(
        new TransactWriteCommand({
          TransactItems: [
            ...written,
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
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failedItems = (error.CancellationReasons ?? [])
        .slice(0, written.length)
        .flatMap((reason, index) => (reason.Code === "ConditionalCheckFailed" ? [index] : []));
      if (failedItems.length > 0 || attempt >= AUDIT_APPEND_ATTEMPTS) return err({ failedItems });
      continue;
    }
    await keepHead(table, entry, where);
    return ok(undefined);
  }
};

/** Thrown when a change was written but its head could not be kept outside the table. */
export class AuditHeadNotKept extends Error {
  override readonly name = "AuditHeadNotKept";
}

/**
 * Keeps the new head outside the table, after the transaction: a head kept for a transaction that
 * then failed would name an entry the trail never had. A failure is said, with what was written.
 */
const keepHead = async (table: AdminTable, entry: AuditEntry, where: string): Promise<void> => {
  const { sequence, hash, signature } = entry;
  try {
    await table.anchor.keep({ sequence, hash, signature });
  } catch (error) {
    throw new AuditHeadNotKept(
      `the change was written (audit entry ${sequence}), but its head could not be kept in ${where} (${oneLine(error)}); the next change keeps its own head there`,
    );
  }
};

/** The head moved to the new entry, only from the head the entry was chained to. */
const headMove = (
  tableName: string,
  entry: AuditEntry,
  head: AuditHead | undefined,
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      pk: keys.pointer,
      sk: keys.auditHead,
      sequence: entry.sequence,
      hash: entry.hash,
      signature: entry.signature,
    },
    ...(head
      ? {
          ConditionExpression: "#sequence = :sequence",
          ExpressionAttributeNames: { "#sequence": "sequence" },
          ExpressionAttributeValues: { ":sequence": head.sequence },
        }
      : { ConditionExpression: "attribute_not_exists(pk)" }),
  },
});
