import type { ChangeRequest } from "../admin/change-request.js";
import type { RequestReview } from "../admin/change-requests.js";
import { showHidden as shown } from "../core/plain-text.js";
import type { MergeConflict } from "../core/three-way-merge.js";

/** Change requests, one a line: number, state, base, author, title. */
export const formatRequests = (requests: readonly ChangeRequest[]): string =>
  requests.length === 0
    ? "no change requests"
    : requests
        .map(
          (r) =>
            `${String(r.number).padStart(4)}  ${r.state.padEnd(9)}  base ${r.baseVersion ?? "none"}  ${shown(r.author)}  ${shown(r.title)}${r.conflicts.length > 0 ? `  (${r.conflicts.length} conflict(s))` : ""}`,
        )
        .join("\n");

/** A request's header and review: who, what state, what it asks leave for, who approved, what was said. */
export const formatRequest = (review: RequestReview): string => {
  const { request: r, approvers, approvalsRequired } = review;
  return [
    `change request ${r.number}: ${shown(r.title)}`,
    `state      ${r.state}${r.publishedVersion ? ` (version ${r.publishedVersion})` : ""}`,
    `author     ${shown(r.author)}`,
    `base       ${r.baseVersion ?? "none (an empty table)"}; revision ${r.revision}`,
    ...(r.description ? [`about      ${shown(r.description)}`] : []),
    ...(r.damaged
      ? ["DAMAGED    its rules as stored cannot be read (changed outside code-rules)"]
      : []),
    ...(r.allowPastChanges ? ["asks leave to change answers for past dates of service"] : []),
    ...(r.allowRemovals ? ["asks leave to remove procedures or codes"] : []),
    `approvals  ${approvers.length} of ${approvalsRequired}${approvers.length > 0 ? `: ${approvers.map(shown).join(", ")}` : ""}`,
    ...(r.rejection
      ? [`rejected   by ${shown(r.rejection.actor)}: ${shown(r.rejection.reason)}`]
      : []),
    ...r.comments.map((c) => `comment    ${c.at} ${shown(c.actor)}: ${shown(c.text)}`),
    ...r.conflicts.map((c) => formatConflict(r.number, c)),
  ].join("\n");
};

const side = (value: unknown): string =>
  value === undefined ? "(removed)" : shown(JSON.stringify(value));

/** One conflict, its sides one under the other, so a person can choose. */
const formatConflict = (number: number, c: MergeConflict): string =>
  [
    `conflict   ${c.kind} ${shown(c.key)} (code-rules change resolve ${number} ${shown(c.key)} --keep mine|theirs)`,
    `  base     ${side(c.base)}`,
    `  theirs   ${side(c.theirs)}`,
    `  mine     ${side(c.mine)}`,
  ].join("\n");
