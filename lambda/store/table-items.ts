import type { Procedure, Rule } from "../core/rule-set.js";
import { CONTENT_PARTITION_PREFIX } from "./table-schema.js";

/**
 * The rules table's items. One table holds every version's content (one item per procedure and
 * per rule, under the version's partition), the version metadata (one partition, so listing is a
 * single Query), the active pointer, the version counter and the append-only audit trail.
 */
export const VERSION_DIGITS = 10;

const pad = (version: number): string => String(version).padStart(VERSION_DIGITS, "0");

export const keys = {
  content: (version: number) => `${CONTENT_PARTITION_PREFIX}${pad(version)}`,
  procedure: (key: string) => `PROCEDURE#${key}`,
  rule: (id: string) => `RULE#${id}`,
  versions: "VERSIONS",
  version: (version: number) => `VERSION#${pad(version)}`,
  pointer: "POINTER",
  active: "ACTIVE",
  counter: "COUNTER",
  audit: "AUDIT",
  auditEntry: (at: string, toVersion: number, nonce: string) => `${at}#${pad(toVersion)}#${nonce}`,
} as const;

export type VersionStatus = "staged" | "published" | "abandoned";

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
}

export interface AuditEntry {
  readonly action: "publish" | "rollback";
  readonly actor: string;
  readonly actorNote?: string | undefined;
  readonly at: string;
  readonly fromVersion: number | null;
  readonly toVersion: number;
  readonly message: string;
  /** Present when the admin let this move change answers for dates of service already past. */
  readonly allowedPastChanges?: true;
}

export interface ActivePointer {
  readonly version: number;
  readonly updatedAt: string;
  readonly actor: string;
  readonly actorNote?: string | undefined;
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

/** Reassembles a version's content from its items; what comes back is unvalidated until checked. */
export const fromContentItems = (
  items: readonly Record<string, unknown>[],
): { procedures: unknown[]; rules: unknown[] } => ({
  procedures: items.filter((item) => item.kind === "procedure").map((item) => item.procedure),
  rules: items.filter((item) => item.kind === "rule").map((item) => item.rule),
});
