import { err, ok, type Result } from "../core/result.js";
import type { ActivePointer, AuditEntry } from "../store/table-items.js";
import type { AdminTable } from "./admin-table.js";
import { checkAuditChain } from "./audit-chain.js";
import { readTrailSnapshot } from "./audit-log.js";
import type { ChangeRequest } from "./change-request.js";
import { changedMeanwhile, type StoreRefusal } from "./store-refusal.js";

/** Without a setting in the trail, a change request needs one approval besides its author's. */
export const DEFAULT_APPROVALS_REQUIRED = 1;

/** The verified trail, newest first, and the active pointer as of the same moment. */
export interface VerifiedTrail {
  readonly entries: readonly AuditEntry[];
  readonly pointer: ActivePointer | undefined;
}

/**
 * The audit trail, newest first, once its chain, its signatures and its head hold. What a change
 * request needs (the approvals setting) and has (its approvals) are read from here and nowhere
 * else: each is an entry signed and chained, so no write to the table adds an approval, lowers the
 * setting or puts an older setting back without breaking the chain.
 */
export const readVerifiedTrail = async (
  table: AdminTable,
): Promise<Result<VerifiedTrail, StoreRefusal>> => {
  const verify = await table.verifier();
  const { entries, head, pointer, stable } = await readTrailSnapshot(table, async () => undefined);
  if (!stable) return err(changedMeanwhile("the audit trail"));
  const chain = checkAuditChain(entries, head, verify);
  return chain.ok
    ? ok({ entries, pointer })
    : err({
        kind: "audit-broken",
        message: `the audit trail fails its check (${chain.reason}); no change request is approved or published until \`code-rules audit --verify\` holds`,
      });
};

/** How many approvals a change request needs: the newest setting in the trail. */
export const approvalsRequiredIn = (trail: readonly AuditEntry[]): number =>
  trail.find(isSetting)?.approvalsRequired ?? DEFAULT_APPROVALS_REQUIRED;

const isSetting = (entry: AuditEntry): entry is Extract<AuditEntry, { action: "settings" }> =>
  entry.action === "settings";

/**
 * Who approved the request as it stands, each other than its author, once each. An approval of an
 * earlier revision no longer counts, even when the content came back to what was approved (a
 * conflict resolved back to the author's side after a rebase): the approver saw it before the
 * active rules it now replaces.
 */
export const approversIn = (trail: readonly AuditEntry[], request: ChangeRequest): string[] => [
  ...new Set(
    trail
      .filter(
        (entry) =>
          entry.action === "request" &&
          entry.event === "approved" &&
          entry.request === request.number &&
          entry.revision === request.revision &&
          entry.checksum === request.checksum &&
          entry.actor !== request.author,
      )
      .map((entry) => entry.actor),
  ),
];

/**
 * What each actor is called, from the trail: the name each step was signed with, the newest first.
 * People read names; the trail and the change policy know them by identity.
 */
export const namesIn = (trail: readonly AuditEntry[]): Record<string, string> => {
  const names: Record<string, string> = {};
  for (const { actor, actorNote } of trail) if (actorNote) names[actor] ??= actorNote;
  return names;
};
