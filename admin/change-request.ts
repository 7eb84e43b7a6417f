import type { MergeableRules, MergeConflict } from "../core/three-way-merge.js";
import type { Authority } from "./change-policy.js";

/**
 * Where a change request stands. Draft and in review are open; an approval enough moves it to
 * approved, a change of its content back to in review; rejected, published and withdrawn are ends.
 */
export type RequestState =
  | "draft"
  | "in-review"
  | "approved"
  | "rejected"
  | "published"
  | "withdrawn";

export const OPEN_STATES: readonly RequestState[] = ["draft", "in-review", "approved"];

/** A second person's approval, of the request as it stood (its revision and checksum) when they gave it. */
export interface Approval {
  readonly actor: string;
  readonly at: string;
  readonly revision: number;
  readonly checksum: string;
}

export interface RequestComment {
  readonly actor: string;
  readonly at: string;
  readonly text: string;
}

/** A proposed rule set against the version it was based on, with its review. */
export interface ChangeRequest {
  readonly number: number;
  readonly title: string;
  readonly description: string;
  /** The identity that created it, as the credentials said. */
  readonly author: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly state: RequestState;
  /** The version active when it was created or last rebased; null over an empty table. */
  readonly baseVersion: number | null;
  /** One more each time its content changes. */
  readonly revision: number;
  /** SHA-256 of its content (store/checksum.ts): what an approval approves. */
  readonly checksum: string;
  /** Its rules: each one valid, the whole checked again before it is approved or published. */
  readonly content: MergeableRules;
  /** The author asks leave to change answers for dates of service already past; the approver gives it. */
  readonly allowPastChanges?: true | undefined;
  /** The author asks leave to take away procedures or codes; the approver gives it. */
  readonly allowRemovals?: true | undefined;
  readonly approvals: readonly Approval[];
  readonly comments: readonly RequestComment[];
  /** Rules both it and the active version changed since its base, until each is resolved. */
  readonly conflicts: readonly MergeConflict[];
  readonly rejection?: { readonly actor: string; readonly at: string; readonly reason: string };
  readonly publishedVersion?: number;
  /** Its rules as stored cannot be read: written by another hand than code-rules'. */
  readonly damaged?: true;
}

export const isOpen = (request: ChangeRequest): boolean => OPEN_STATES.includes(request.state);

/** What stands behind publishing the request as it is: the approvals that count, and its conflicts. */
export const requestAuthority = (
  request: ChangeRequest,
  approvalsRequired: number,
  approvers: readonly string[],
): Authority => ({
  kind: "request",
  request: request.number,
  author: request.author,
  checksum: request.checksum,
  approvers,
  approvalsRequired,
  conflicts: request.conflicts.length,
});

/** A request without its rules: what `change create --json` prints and the studio answers. */
export type RequestWithoutContent = Omit<ChangeRequest, "content">;

export const withoutContent = ({ content: _, ...request }: ChangeRequest): RequestWithoutContent =>
  request;
