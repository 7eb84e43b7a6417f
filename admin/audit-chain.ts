import { createHash } from "node:crypto";
import { signingPayload, type Verifier } from "../store/signature.js";
import type {
  AuditEntry,
  AuditHead,
  AuditRecord,
  MoveRecord,
  RequestRecord,
  SettingsRecord,
} from "../store/table-items.js";
import type { Signer } from "./signing/signer.js";

const hashOf = (record: AuditRecord, sequence: number, previousHash: string): string =>
  createHash("sha256")
    .update(signingPayload({ ...fieldsOf(record), sequence, previousHash }))
    .digest("hex");

/** Every field any kind of record has: the fields an entry's hash covers. */
const RECORD_FIELDS = [
  "action",
  "actor",
  "actorNote",
  "at",
  "message",
  "fromVersion",
  "toVersion",
  "allowedPastChanges",
  "allowedRemovals",
  "breakGlass",
  "request",
  "proposedBy",
  "approvedBy",
  "event",
  "revision",
  "checksum",
  "approvalsRequired",
] as const satisfies readonly (keyof MoveRecord | keyof RequestRecord | keyof SettingsRecord)[];

/**
 * The record's own fields, whatever else an entry read from the table carries. Absent fields are
 * left out of the hash (canonical JSON drops them), so entries written before a field existed
 * still hash as they did.
 */
const fieldsOf = (entry: AuditRecord): AuditRecord => {
  const fields: Partial<Record<(typeof RECORD_FIELDS)[number], unknown>> = entry;
  // Copied by name: whatever kind the entry is, its own fields come through and nothing else.
  return Object.fromEntries(
    RECORD_FIELDS.map((name) => [name, fields[name]]),
  ) as unknown as AuditRecord;
};

/** The next entry of the chain after `head` (none for the first): numbered, linked, hashed, signed. */
export const chainEntry = async (
  signer: Signer,
  record: AuditRecord,
  head: AuditHead | undefined,
): Promise<AuditEntry> => {
  const sequence = (head?.sequence ?? 0) + 1;
  const previousHash = head?.hash ?? "";
  const hash = hashOf(record, sequence, previousHash);
  return {
    ...fieldsOf(record),
    sequence,
    previousHash,
    hash,
    signature: await signer.sign(Buffer.from(hash, "utf8")),
  };
};

export type ChainCheck =
  | { readonly ok: true; readonly entries: number; readonly head: string }
  | { readonly ok: false; readonly entry: AuditEntry | undefined; readonly reason: string };

/**
 * Checks the whole trail, oldest first: each entry's number follows the one before, it carries the
 * hash of the one before, its own hash matches what it says, its signature holds, and the last one
 * is the head the table keeps. The first entry that fails is named.
 */
export const checkAuditChain = (
  entries: readonly AuditEntry[],
  head: AuditHead | undefined,
  verify: Verifier,
): ChainCheck => {
  const ordered = [...entries].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  let previous: AuditEntry | undefined;
  for (const entry of ordered) {
    const reason = entryProblem(entry, previous, verify);
    if (reason) return { ok: false, entry, reason };
    previous = entry;
  }
  if (
    (previous?.hash ?? "") !== (head?.hash ?? "") ||
    (previous?.sequence ?? 0) !== (head?.sequence ?? 0)
  )
    return {
      ok: false,
      entry: previous,
      reason: `the trail ends at entry ${previous?.sequence ?? 0}, but its head says entry ${head?.sequence ?? 0}: entries were removed or added outside the chain`,
    };
  return { ok: true, entries: ordered.length, head: previous?.hash ?? "" };
};

const entryProblem = (
  entry: AuditEntry,
  previous: AuditEntry | undefined,
  verify: Verifier,
): string | undefined => {
  const expected = (previous?.sequence ?? 0) + 1;
  if (entry.sequence !== expected)
    return entry.sequence === undefined
      ? "it is not part of the chain (no sequence number, hash or signature)"
      : `it is numbered ${entry.sequence} where ${expected} comes next`;
  if (entry.previousHash !== (previous?.hash ?? ""))
    return "it does not carry the hash of the entry before it";
  if (hashOf(entry, entry.sequence, entry.previousHash) !== entry.hash)
    return "its content does not match its hash";
  if (
    typeof entry.signature !== "string" ||
    !verify(Buffer.from(entry.hash, "utf8"), entry.signature)
  )
    return "its signature does not verify";
  return undefined;
};
