import { err, ok, type Result } from "../core/result.js";
import { signingPayload } from "../store/signature.js";
import { keys } from "../store/table-items.js";
import type { AdminTable } from "./admin-table.js";
import { appendAudit } from "./audit-log.js";
import { changedMeanwhile, type StoreRefusal } from "./store-refusal.js";

/** Without a setting in the table, a change request needs one approval besides its author's. */
export const DEFAULT_APPROVALS_REQUIRED = 1;

/** More than this many approvers is a typo, not a team's process. */
export const MAX_APPROVALS_REQUIRED = 5;

interface ApprovalSetting {
  readonly approvalsRequired: number;
  readonly actor: string;
  readonly at: string;
}

const signedFields = ({ approvalsRequired, actor, at }: ApprovalSetting) =>
  signingPayload({ setting: "approvalsRequired", approvalsRequired, actor, at });

/**
 * How many approvals a change request needs, as the signed setting in the table says (the default
 * without one). A setting whose signature fails was changed outside code-rules: nothing is
 * published on it, as a lowered number would let a change through unseen.
 */
export const approvalsRequired = async (
  table: AdminTable,
): Promise<Result<number, StoreRefusal>> => {
  const item = await table.getItem(keys.settings, keys.approvals);
  if (!item) return ok(DEFAULT_APPROVALS_REQUIRED);
  const setting: ApprovalSetting = {
    approvalsRequired: Number(item.approvalsRequired),
    actor: String(item.actor),
    at: String(item.at),
  };
  const verify = await table.verifier();
  const signature = typeof item.signature === "string" ? item.signature : "";
  return verify(signedFields(setting), signature)
    ? ok(setting.approvalsRequired)
    : err({
        kind: "settings-tampered",
        message:
          "the number of approvals a change request needs was changed outside code-rules (its signature fails); nothing is published until `code-rules change approvals N` sets it again",
      });
};

/** Sets how many approvals a change request needs, signed, with its audit entry, in one transaction. */
export const setApprovalsRequired = async (
  table: AdminTable,
  count: number,
  actor: { actor: string; actorNote?: string | undefined },
): Promise<Result<number, StoreRefusal>> => {
  if (!Number.isInteger(count) || count < 1 || count > MAX_APPROVALS_REQUIRED)
    return err({
      kind: "invalid-setting",
      message: `approvals required must be a whole number from 1 to ${MAX_APPROVALS_REQUIRED}: a change request always needs a second person; nothing was written`,
    });
  const setting: ApprovalSetting = {
    approvalsRequired: count,
    actor: actor.actor,
    at: table.clock().toISOString(),
  };
  const signature = await table.signer.sign(signedFields(setting));
  const appended = await appendAudit(
    table,
    { action: "settings", ...actor, at: setting.at, message: "", approvalsRequired: count },
    [
      {
        Put: {
          TableName: table.tableName,
          Item: { pk: keys.settings, sk: keys.approvals, ...setting, signature },
        },
      },
    ],
  );
  return appended.ok ? ok(count) : err(changedMeanwhile("the audit trail"));
};
