import { type ChangeRequest, isOpen, type RequestState } from "../change-request.js";

/**
 * A change request as the studio shows it: where it stands and who stands behind it, without its
 * rules (`code-rules change show N` diffs those). The page reads these and decides nothing.
 */
export interface RequestSummary {
  readonly number: number;
  readonly title: string;
  readonly description: string;
  readonly author: string;
  readonly state: RequestState;
  /** Draft, in review or approved: not yet published, rejected or withdrawn. */
  readonly open: boolean;
  readonly baseVersion: number | null;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The leave its author asks for, which the approver gives. */
  readonly allowPastChanges: boolean;
  readonly allowRemovals: boolean;
  /** Who approved it as it stands, each other than its author: the approvals that count. */
  readonly approvedBy: readonly string[];
  readonly approvals: number;
  readonly approvalsRequired: number;
  /** Rules it and the active version both changed since its base, still unresolved. */
  readonly conflicts: number;
  readonly comments: number;
  readonly publishedVersion: number | null;
}

/** A request as the page lists it; `approvedBy` are its approvers that count, as the signed trail says. */
export const requestSummary = (
  request: ChangeRequest,
  approvedBy: readonly string[],
  approvalsRequired: number,
): RequestSummary => ({
  number: request.number,
  title: request.title,
  description: request.description,
  author: request.author,
  state: request.state,
  open: isOpen(request),
  baseVersion: request.baseVersion,
  revision: request.revision,
  createdAt: request.createdAt,
  updatedAt: request.updatedAt,
  allowPastChanges: request.allowPastChanges === true,
  allowRemovals: request.allowRemovals === true,
  approvedBy,
  approvals: approvedBy.length,
  approvalsRequired,
  conflicts: request.conflicts.length,
  comments: request.comments.length,
  publishedVersion: request.publishedVersion ?? null,
});
