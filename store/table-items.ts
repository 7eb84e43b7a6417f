import type { Procedure, Rule, RuleSetContent } from "../core/rule-set.js";
import { RULES_TABLE_PARTITIONS as PARTITIONS } from "./table-schema.js";

/**
 * The rules table's items. One table holds every version's content (one item per procedure and
 * per rule, under the version's partition, and beside them the same content as a few compressed
 * chunks), the version metadata (one partition, so listing is a single Query), the active pointer,
 * the version counter and the append-only audit trail.
 */
export const VERSION_DIGITS = 10;

const CHUNK_DIGITS = 4;

const pad = (version: number): string => String(version).padStart(VERSION_DIGITS, "0");

export const keys = {
  content: (version: number) => `${PARTITIONS.contentPrefix}${pad(version)}`,
  procedure: (key: string) => `PROCEDURE#${key}`,
  rule: (id: string) => `RULE#${id}`,
  /** A chunk's key: one Query with this prefix reads a version's compressed copy whole. */
  chunkPrefix: "CHUNK#",
  chunk: (part: number) => `CHUNK#${String(part).padStart(CHUNK_DIGITS, "0")}`,
  versions: PARTITIONS.versions,
  version: (version: number) => `VERSION#${pad(version)}`,
  pointer: PARTITIONS.pointer,
  active: "ACTIVE",
  counter: "COUNTER",
  auditHead: "AUDIT_HEAD",
  audit: PARTITIONS.audit,
  auditEntry: (at: string, nonce: string) => `${at}#${nonce}`,
  requests: PARTITIONS.requests,
  request: (number: number) => `REQUEST#${pad(number)}`,
} as const;

export type VersionStatus = "staged" | "published" | "abandoned";

/** Why a version is never to be served again, and who said so. */
export interface Revocation {
  readonly at: string;
  readonly actor: string;
  readonly reason: string;
}

export interface VersionMeta {
  readonly version: number;
  readonly status: VersionStatus;
  readonly actor: string;
  readonly actorNote?: string | undefined;
  readonly message: string;
  readonly createdAt: string;
  readonly publishedAt?: string;
  readonly ruleCount: number;
  readonly procedureCount: number;
  readonly checksum: string;
  /** When `gc` deleted the content of this abandoned version; its metadata stays. */
  readonly contentDeletedAt?: string;
  /** The signature over the version's number, checksum and who published it (version-signature.ts). */
  readonly signature?: string;
  /** The key that signed it: a KMS key ARN, or `local:<file>` on DynamoDB Local. */
  readonly signingKey?: string;
  /** Set by `code-rules revoke`: the version is never served again, even pinned. */
  readonly revoked?: Revocation;
}

interface AuditBase {
  readonly actor: string;
  readonly actorNote?: string | undefined;
  readonly at: string;
  readonly message: string;
}

/** A move of the active pointer, or a version revoked. */
export interface MoveRecord extends AuditBase {
  readonly action: "publish" | "rollback" | "revoke";
  readonly fromVersion: number | null;
  readonly toVersion: number;
  /** Present when the move was let change answers for dates of service already past. */
  readonly allowedPastChanges?: true;
  /** Present when the move was let take away procedures or codes the active version answered with. */
  readonly allowedRemovals?: true;
  /** Present when the move went live without a second person's approval (`--break-glass`): why. */
  readonly breakGlass?: string;
  /** The change request the publish put live, and who proposed it. */
  readonly request?: number;
  readonly proposedBy?: string;
  /** Who approved that request, each other than its author. */
  readonly approvedBy?: readonly string[];
}

/** What happened to a change request. */
export type RequestEvent =
  | "created"
  | "submitted"
  | "edited"
  | "commented"
  | "approved"
  | "rejected"
  | "rebased"
  | "resolved"
  | "withdrawn";

/** A change request's step, by whom; a request's publish is a {@link MoveRecord} naming it. */
export interface RequestRecord extends AuditBase {
  readonly action: "request";
  readonly request: number;
  readonly event: RequestEvent;
  /** The request as the step left it: which revision, and the checksum of its rules. */
  readonly revision: number;
  readonly checksum: string;
}

/** The number of approvals a change request needs, set. */
export interface SettingsRecord extends AuditBase {
  readonly action: "settings";
  readonly approvalsRequired: number;
  /** Present when it was lowered by one admin with --break-glass: why. */
  readonly breakGlass?: string;
}

/** What an audit entry says happened; admin/audit-chain.ts adds the links that make it tamper-evident. */
export type AuditRecord = MoveRecord | RequestRecord | SettingsRecord;

/** Whether the record is of a version: published, rolled back to, or revoked. */
export const isMoveRecord = <R extends AuditRecord>(record: R): record is R & MoveRecord =>
  record.action === "publish" || record.action === "rollback" || record.action === "revoke";

/** The links that chain an entry to the one before and sign it. */
export interface ChainLinks {
  /** 1 for the first entry, one more for each after it. */
  readonly sequence: number;
  /** The hash of the entry before (empty for the first). */
  readonly previousHash: string;
  /** SHA-256 of this entry's record, sequence and previousHash. */
  readonly hash: string;
  /** The signature over `hash`. */
  readonly signature: string;
}

/** An audit entry as stored: the record, numbered and chained to the one before, and signed. */
export type AuditEntry = AuditRecord & ChainLinks;

/** An audit entry named by its place in the chain and its hash. */
export interface AuditHead {
  readonly sequence: number;
  readonly hash: string;
}

/**
 * The newest audit entry, kept beside the pointer so appends are serialized on it, and copied
 * outside the table (admin/audit-anchor.ts) so the trail cannot be cut back unseen. It carries
 * that entry's signature over its hash, whose hash covers its sequence: a head is signed.
 */
export interface SignedHead extends AuditHead {
  readonly signature: string;
}

export interface ActivePointer {
  readonly version: number;
  readonly updatedAt: string;
  readonly actor: string;
  readonly actorNote?: string | undefined;
  /** Every revoked version: the pointer's signature covers them, so no hand un-revokes one unseen. */
  readonly revoked?: readonly number[];
  /** One more each time the pointer is written: each write is made over the one it read. */
  readonly revision?: number;
  /**
   * The audit entry written with it, which records the write: an older signed pointer put back
   * names an older entry than the trail's last move, and `audit --verify` says so.
   */
  readonly entry?: AuditHead;
  /** The signature over all of the above (store/pointer-signature.ts). */
  readonly signature?: string;
}

export type ContentItem =
  | {
      readonly pk: string;
      readonly sk: string;
      readonly kind: "procedure";
      readonly procedure: Procedure;
    }
  | { readonly pk: string; readonly sk: string; readonly kind: "rule"; readonly rule: Rule };

export const contentItems = (
  version: number,
  content: { procedures: readonly Procedure[]; rules: readonly Rule[] },
): ContentItem[] => [
  ...content.procedures.map((procedure) => ({
    pk: keys.content(version),
    sk: keys.procedure(procedure.key),
    kind: "procedure" as const,
    procedure,
  })),
  ...content.rules.map((rule) => ({
    pk: keys.content(version),
    sk: keys.rule(rule.id),
    kind: "rule" as const,
    rule,
  })),
];

/**
 * Bytes of compressed content per chunk: with its keys and fields an item stays well under
 * DynamoDB's 400 KB, and three fit a Query's 1 MB page.
 */
export const CHUNK_BYTES = 300 * 1024;

/**
 * One part of a version's compressed copy: the gzip of its canonical content (the very text whose
 * SHA-256 is the signed checksum, store/checksum.ts), cut into parts of CHUNK_BYTES in order.
 * Written with the rows, by the same publish; the function reads these instead of the rows, so a
 * version costs one Query at any size. `parts` says how many make the whole, so one missing or
 * added shows.
 */
export type ChunkItem = {
  readonly pk: string;
  readonly sk: string;
  readonly kind: "chunk";
  readonly encoding: "gzip";
  /** 0 for the first part. */
  readonly part: number;
  readonly parts: number;
  readonly data: Uint8Array;
};

/** A version's content as read, with the count of items in its partition that are neither kind. */
export interface StoredContent extends RuleSetContent {
  readonly unknownItems: number;
  /** Why its compressed copy could not be decoded, when it could not: as stored it is not signed content. */
  readonly unreadable?: string | undefined;
  /** The checksum of the text the content was parsed from, when it was (its compressed copy). */
  readonly checksum?: string | undefined;
}

/**
 * Reassembles a version's content from its rows; what comes back is unvalidated until checked.
 * Chunks are the same content again, read apart (store/content-chunks.ts), so they are not unknown.
 */
export const fromContentItems = (items: readonly Record<string, unknown>[]): StoredContent => {
  const procedures = items.filter((item) => item.kind === "procedure").map((i) => i.procedure);
  const rules = items.filter((item) => item.kind === "rule").map((item) => item.rule);
  const chunks = items.filter(
    (item) => item.kind === "chunk" && String(item.sk).startsWith(keys.chunkPrefix),
  ).length;
  return {
    procedures,
    rules,
    unknownItems: items.length - procedures.length - rules.length - chunks,
  };
};

/** How many rows (rules and procedures) a version's partition holds, as its signed metadata states. */
export const signedItemCount = (meta: VersionMeta): number => meta.ruleCount + meta.procedureCount;
