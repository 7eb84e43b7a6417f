import { err, type Result } from "../core/result.js";
import { ruleSetChecksum } from "../store/checksum.js";
import type { AdminTable } from "./admin-table.js";
import { type ChangeRequest, OPEN_STATES } from "./change-request.js";
import { checkMove } from "./move-check.js";
import { publishable } from "./publisher.js";
import {
  type Acting,
  authorOnly,
  loadRequest,
  refuseUnlessIn,
  takeStep,
  withContent,
} from "./request-steps.js";
import {
  changedMeanwhile,
  noteRefusal,
  requestRefused,
  type StoreRefusal,
} from "./store-refusal.js";

/** What an author changes of their request: its rules (and title, and the leave it asks). */
export interface RequestEdit {
  readonly content: unknown;
  /** The revision the author edited: the edit is refused when another was saved since. */
  readonly expectRevision: number;
  readonly title?: string | undefined;
  readonly allowPastChanges?: boolean | undefined;
  readonly allowRemovals?: boolean | undefined;
}

/**
 * Replaces an open request's rules, for its author: checked as a new request's are (its rules,
 * and what the change policy says of the leave it asks, against its base), written as a new
 * revision, so approvals given to the one before no longer count.
 */
export const editRequest = async (
  table: AdminTable,
  number: number,
  edit: RequestEdit,
  by: Acting,
): Promise<Result<ChangeRequest, StoreRefusal>> => {
  const badNote = noteRefusal({ title: edit.title, actorNote: by.actorNote });
  if (badNote) return err(badNote);
  const loaded = await loadRequest(table, number);
  if (!loaded.ok) return loaded;
  const { request, writes } = loaded.value;
  const refusal =
    refuseUnlessIn(request, OPEN_STATES, "edited") ?? authorOnly(request, by, "edits it");
  if (refusal) return err(refusal);
  if (request.revision !== edit.expectRevision)
    return err(changedMeanwhile(`change request ${number} (revision ${request.revision})`));
  const allowPastChanges = edit.allowPastChanges ?? request.allowPastChanges;
  const allowRemovals = edit.allowRemovals ?? request.allowRemovals;
  const candidate = publishable(edit.content, { allowRemovals });
  if (!candidate.ok) return candidate;
  const checked = await checkMove(table, "change request", candidate.value, {
    expectVersion: request.baseVersion,
    allowPastChanges,
    allowRemovals,
  });
  if (!checked.ok) return checked;
  const [policyRefusal] = checked.value.verdict.refusals;
  if (policyRefusal) return err(policyRefusal);
  const sameRules = ruleSetChecksum(candidate.value) === request.checksum;
  const title = edit.title ?? request.title;
  if (sameRules && title === request.title && allowPastChanges === request.allowPastChanges)
    return err(requestRefused(number, "the edit changes nothing"));
  const next: ChangeRequest = {
    ...(sameRules ? request : withContent(request, candidate.value, request.conflicts, table)),
    title,
    ...(allowPastChanges ? { allowPastChanges: true } : { allowPastChanges: undefined }),
    ...(allowRemovals ? { allowRemovals: true } : { allowRemovals: undefined }),
    updatedAt: table.clock().toISOString(),
  };
  return takeStep(table, next, writes, "edited", by, title);
};
