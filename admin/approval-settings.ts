import { err, ok, type Result } from "../core/result.js";
import type { AdminTable } from "./admin-table.js";
import { appendAudit } from "./audit-log.js";
import { raiseBreakGlass } from "./break-glass.js";
import type { Change } from "./change.js";
import { breakGlassReason, judgeApprovalsSetting } from "./change-policy.js";
import { changedMeanwhile, noteRefusal, type StoreRefusal } from "./store-refusal.js";
import { approvalsRequiredIn, readVerifiedTrail } from "./verified-trail.js";

/** More than this many approvers is a typo, not a team's process. */
export const MAX_APPROVALS_REQUIRED = 5;

/** How many approvals a change request needs, as the newest setting in the verified trail says. */
export const approvalsRequired = async (
  table: AdminTable,
): Promise<Result<number, StoreRefusal>> => {
  const trail = await readVerifiedTrail(table);
  return trail.ok ? ok(approvalsRequiredIn(trail.value.entries)) : trail;
};

/**
 * Sets how many approvals a change request needs: an audit entry, signed and chained, which is
 * where the setting lives. The change policy says whether it may be lowered.
 */
export const setApprovalsRequired = async (
  table: AdminTable,
  count: number,
  by: Pick<Change, "actor" | "actorNote" | "authority">,
): Promise<Result<number, StoreRefusal>> => {
  if (!Number.isInteger(count) || count < 1 || count > MAX_APPROVALS_REQUIRED)
    return err({
      kind: "invalid-setting",
      message: `approvals required must be a whole number from 1 to ${MAX_APPROVALS_REQUIRED}: a change request always needs a second person; nothing was written`,
    });
  const authority = by.authority ?? { kind: "alone" };
  const reason = breakGlassReason(authority);
  const badNote = noteRefusal({ actorNote: by.actorNote, reason });
  if (badNote) return err(badNote);
  const from = await approvalsRequired(table);
  if (!from.ok) return from;
  const refusal = judgeApprovalsSetting({ from: from.value, to: count, authority });
  if (refusal) return err(refusal);
  const raised = await raiseBreakGlass(table, "setting", { ...by, authority });
  if (!raised.ok) return raised;
  const appended = await appendAudit(
    table,
    {
      action: "settings",
      actor: by.actor,
      actorNote: by.actorNote,
      at: table.clock().toISOString(),
      message: reason ?? "",
      approvalsRequired: count,
      ...(reason !== undefined && { breakGlass: reason }),
    },
    [],
  );
  return appended.ok ? ok(count) : err(changedMeanwhile("the audit trail"));
};
