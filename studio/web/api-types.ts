import type { RequestSummary } from "../../admin/api/request-summary.js";
import type { ChangeRequest, RequestWithoutContent } from "../../admin/change-request.js";
import type { RuleSetDiff } from "../../core/diff.js";
import type { ImpactRegion } from "../../core/impact.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { AuditEntry, VersionMeta } from "../../store/table-items.js";
import type { Content } from "./content.js";

/** What the admin API answers, route by route (http/admin-routes.ts). */

export type Role = "editor" | "approver";

export interface Me {
  readonly subject: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

export interface VersionList {
  readonly active: number | null;
  /** Newest first. */
  readonly versions: readonly VersionMeta[];
}

export interface StoredVersion {
  readonly meta: VersionMeta;
  readonly content: Content;
}

export interface VersionDiff {
  readonly from: number;
  readonly to: number;
  readonly diff: RuleSetDiff;
}

/** Who is called what: actors' identities to the names they signed their steps with. */
export type People = Readonly<Record<string, string>>;

export interface AuditTrail {
  readonly entries: readonly AuditEntry[];
  readonly people: People;
}

export interface RequestList {
  readonly approvalsRequired: number;
  /** Newest first. */
  readonly requests: readonly RequestSummary[];
  readonly people: People;
}

/** A change request with everything its review weighs. */
export interface RequestDetail {
  readonly request: ChangeRequest;
  readonly problems: readonly RuleProblem[];
  readonly approvedBy: readonly string[];
  readonly approvalsRequired: number;
  readonly active: number | null;
  /** From the active version to the request's rules. */
  readonly diff: RuleSetDiff;
  /** The regions whose answers change, against the active version. */
  readonly impact: readonly ImpactRegion[];
  /** What the change policy would refuse if it were published now. */
  readonly refusals: readonly { readonly kind: string; readonly message: string }[];
  /** Why it cannot be judged at all as it stands (its base is not the active version). */
  readonly blocked: string | null;
  readonly people: People;
}

export interface RequestStep {
  readonly request: RequestWithoutContent;
  readonly version?: VersionMeta;
}

/** A refusal, as problem+json: `detail` is the store's own sentence. */
export interface Problem {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly refused?: string;
  readonly problems?: readonly RuleProblem[];
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

export type Reply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: Problem };

export type { AuditEntry, RequestSummary, RequestWithoutContent, VersionMeta };
