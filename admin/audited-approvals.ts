import { err, ok, type Result } from "../core/result.js";
import type { AdminTable } from "./admin-table.js";
import { checkAuditChain } from "./audit-chain.js";
import { readAudit, readAuditHead } from "./audit-log.js";
import type { ChangeRequest } from "./change-request.js";
import type { StoreRefusal } from "./store-refusal.js";

/**
 * Who approved the request as it stands, as the signed audit trail says: each approval is an entry
 * of the hash chain, naming the revision and checksum it approved. A publish counts these, not the
 * request item's list, which a write to the table could lengthen; and nothing is published while
 * the chain fails its check.
 */
export const auditedApprovers = async (
  table: AdminTable,
  request: ChangeRequest,
): Promise<Result<string[], StoreRefusal>> => {
  const [entries, head, verify] = await Promise.all([
    readAudit(table),
    readAuditHead(table),
    table.verifier(),
  ]);
  const chain = checkAuditChain(entries, head, verify);
  if (!chain.ok)
    return err({
      kind: "audit-broken",
      message: `the audit trail fails its check (${chain.reason}); nothing is published until \`code-rules audit --verify\` holds`,
    });
  const approvers = entries
    .filter(
      (entry) =>
        entry.action === "request" &&
        entry.event === "approved" &&
        entry.request === request.number &&
        entry.revision === request.revision &&
        entry.checksum === request.checksum &&
        entry.actor !== request.author,
    )
    .map((entry) => entry.actor);
  return ok([...new Set(approvers)]);
};
