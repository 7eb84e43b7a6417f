import type { ChangeNotes } from "../core/change-notes.js";
import { err, ok, type Result } from "../core/result.js";
import type { RuleSet } from "../core/rule-set.js";
import { pointerSignatureHolds } from "../store/pointer-signature.js";
import {
  type ActivePointer,
  type AuditEntry,
  type AuditHead,
  keys,
  type MoveRecord,
  type VersionMeta,
} from "../store/table-items.js";
import { overLimits } from "../store/version-check.js";
import type { AdminTable, TransactItem } from "./admin-table.js";
import { type AppendRefused, appendAudit } from "./audit-log.js";
import { raiseBreakGlass } from "./break-glass.js";
import type { Change, Revoke, StoreChange } from "./change.js";
import { breakGlassReason, type MoveAction } from "./change-policy.js";
import { checkMove } from "./move-check.js";
import { checkedContent, publishedMeta } from "./published-version.js";
import { requestPublished } from "./request-items.js";
import { signedPointerPut } from "./signed-pointer.js";
import { changedMeanwhile, noteRefusal, type StoreRefusal } from "./store-refusal.js";
import { revokedIn } from "./trail-state.js";
import { readVerifiedTrail } from "./verified-trail.js";

/** The published version a move or revocation names, once what the admin wrote about it can be kept. */
const namedVersion = async (
  table: AdminTable,
  version: number,
  notes: ChangeNotes,
): Promise<Result<VersionMeta, StoreRefusal>> => {
  const badNote = noteRefusal(notes);
  return badNote ? err(badNote) : publishedMeta(table, version);
};

/**
 * Points the active pointer back at an earlier published version, if the active one is as
 * expected and the change policy lets the move go live.
 */
export const rollback = async (
  table: AdminTable,
  version: number,
  change: Change,
): Promise<Result<VersionMeta, StoreRefusal>> => {
  const reason = breakGlassReason(change.authority);
  const named = await namedVersion(table, version, { ...change, reason });
  if (!named.ok) return named;
  const meta = named.value;
  const target = await servableRules(table, meta);
  if (!target.ok) return target;
  const checked = await checkMove(table, "rollback", target.value, change);
  if (!checked.ok) return checked;
  const { active, verdict } = checked.value;
  if (active.version === version)
    return err({
      kind: "already-active",
      version,
      message: `version ${version} is already active`,
    });
  const [refusal] = verdict.refusals;
  if (refusal) return err(refusal);
  const raised = await raiseBreakGlass(table, "rollback", change);
  if (!raised.ok) return raised;
  const moved = await movePointer(table, "rollback", active.version ?? null, version, change);
  return moved.ok ? ok(meta) : err(moved.error);
};

/** A published version's rules, unless it is revoked, too large, or changed outside publish. */
const servableRules = async (
  table: AdminTable,
  meta: VersionMeta,
): Promise<Result<RuleSet, StoreRefusal>> => {
  const { version } = meta;
  if (meta.revoked)
    return err({
      kind: "revoked",
      version,
      message: `version ${version} is revoked (${meta.revoked.reason}); it is never served again`,
    });
  const tooLarge = overLimits(meta);
  if (tooLarge)
    return err({
      kind: "unservable",
      problems: [{ field: "(rule set)", message: tooLarge }],
      message: `version ${version} cannot be served: ${tooLarge}`,
    });
  return checkedContent(table, meta);
};

/**
 * Moves the pointer from the expected version to `version` and appends the audit entry, in one
 * transaction; a publish also marks its staged version published, a rollback checks that its
 * version is still published and not revoked.
 */
export const movePointer = async (
  table: AdminTable,
  action: MoveAction,
  expected: number | null,
  version: number,
  change: StoreChange,
): Promise<Result<string, StoreRefusal>> => {
  const at = table.clock().toISOString();
  const record = moveRecord(action, expected, version, change, at);
  const trail = await readVerifiedTrail(table);
  if (!trail.ok) return trail;
  const { entries, pointer: current } = trail.value;
  if ((current?.version ?? null) !== expected)
    return err(await moveRefused(table, action, expected, version, change, { failedItems: [0] }));
  const pointer = (entry: AuditHead) =>
    signedPointerPut(
      table,
      current,
      {
        version,
        updatedAt: at,
        actor: change.actor,
        actorNote: change.actorNote,
        revoked: revokedIn(entries),
      },
      entry,
      expected === null
        ? undefined
        : { expression: "version = :expected", values: { ":expected": expected } },
    );
  const appended = await appendAudit(table, record, async (entry) => [
    await pointer(entry),
    versionUpdate(table.tableName, action, version, at),
    ...requestPublished(table.tableName, change.authority, version, at),
  ]);
  if (appended.ok) return ok(at);
  return err(await moveRefused(table, action, expected, version, change, appended.error));
};

/**
 * Why a move's transaction wrote nothing, by the condition that failed: the pointer moved
 * (a conflict, exit 2), the version changed meanwhile (revoked, or abandoned by gc), or the change
 * request did (withdrawn, rebased).
 */
const moveRefused = async (
  table: AdminTable,
  action: MoveAction,
  expected: number | null,
  version: number,
  change: StoreChange,
  { failedItems }: AppendRefused,
): Promise<StoreRefusal> => {
  if (failedItems.includes(1))
    return {
      kind: "version-changed",
      version,
      message:
        action === "publish"
          ? `version ${version} was marked abandoned meanwhile (code-rules gc took it for a dead publish); publish refused; nothing went live`
          : `version ${version} was revoked or changed meanwhile; rollback refused; nothing went live`,
    };
  if (failedItems.includes(2) && change.authority?.kind === "request")
    return changedMeanwhile(`change request ${change.authority.request}`);
  const active = (await table.activePointer())?.version ?? null;
  // The pointer still names the version expected: it was rewritten meanwhile (a revocation).
  if (active === expected) return changedMeanwhile("the active pointer");
  const describe = (v: number | null) => (v === null ? "no active version" : `version ${v}`);
  // Unlike a conflict found before anything is written (store-refusal.ts), this one names the
  // version that lost: it was staged, and is now abandoned.
  return {
    kind: "conflict",
    expected,
    active,
    message: `expected ${describe(expected)} to be active, but ${describe(active)} is; ${action} of version ${version} refused`,
  };
};

/** What the audit says of a move: who made it, between which versions, and what let it through. */
const moveRecord = (
  action: MoveAction,
  expected: number | null,
  version: number,
  change: StoreChange,
  at: string,
): MoveRecord => {
  const { authority } = change;
  return {
    action,
    actor: change.actor,
    actorNote: change.actorNote,
    at,
    fromVersion: expected,
    toVersion: version,
    message: change.message ?? "",
    ...(change.allowPastChanges && { allowedPastChanges: true }),
    ...(change.allowRemovals && { allowedRemovals: true }),
    ...(authority?.kind === "break-glass" && { breakGlass: authority.reason }),
    ...(authority?.kind === "request" && {
      request: authority.request,
      proposedBy: authority.author,
      approvedBy: authority.approvers,
    }),
  };
};

const versionUpdate = (
  tableName: string,
  action: "publish" | "rollback",
  version: number,
  at: string,
): TransactItem =>
  action === "publish"
    ? {
        Update: {
          TableName: tableName,
          Key: { pk: keys.versions, sk: keys.version(version) },
          UpdateExpression: "SET #status = :published, publishedAt = :at",
          ConditionExpression: "#status = :staged",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":published": "published", ":staged": "staged", ":at": at },
        },
      }
    : {
        ConditionCheck: {
          TableName: tableName,
          Key: { pk: keys.versions, sk: keys.version(version) },
          // A version revoked meanwhile is never made active again.
          ConditionExpression: "#status = :published AND attribute_not_exists(revoked)",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":published": "published" },
        },
      };

/**
 * The pointer, signed again with the version among its revoked ones, only while it names another
 * version: the function follows only a signed pointer, so no hand takes a revocation back unseen.
 */
const revokedInPointer = async (
  table: AdminTable,
  current: ActivePointer,
  version: number,
  trail: readonly AuditEntry[],
  entry: AuditHead,
): Promise<TransactItem> => {
  const { signature: _, revision: __, revoked: ___, entry: ____, ...kept } = current;
  return signedPointerPut(
    table,
    current,
    { ...kept, revoked: [...revokedIn(trail), version] },
    entry,
    { expression: "version <> :version", values: { ":version": version } },
  );
};

/**
 * Marks a published version never to be served again, even pinned, and appends the audit entry,
 * in one transaction. The active version cannot be revoked: roll back from it first.
 */
export const revoke = async (
  table: AdminTable,
  version: number,
  revoke: Revoke,
): Promise<Result<VersionMeta, StoreRefusal>> => {
  const named = await namedVersion(table, version, revoke);
  if (!named.ok) return named;
  const meta = named.value;
  if (meta.revoked)
    return err({ kind: "revoked", version, message: `version ${version} is already revoked` });
  const [trail, verify] = await Promise.all([readVerifiedTrail(table), table.verifier()]);
  if (!trail.ok) return trail;
  const { entries, pointer: current } = trail.value;
  // A revocation signs the pointer as it stands: never one moved or written by another hand.
  if (current && !pointerSignatureHolds(verify, current))
    return err({
      kind: "tampered",
      version: current.version,
      message:
        "the active pointer fails its signature (changed outside code-rules, or written before pointers were signed); publish or roll back to sign it again, then revoke; nothing was written",
    });
  if (current?.version === undefined || current.version === version)
    return err({
      kind: "already-active",
      version,
      message: current
        ? `version ${version} is active; roll back from it before revoking it`
        : "no version is active; nothing was written",
    });
  const at = table.clock().toISOString();
  const revoked = { at, actor: revoke.actor, reason: revoke.reason };
  const record: MoveRecord = {
    action: "revoke",
    actor: revoke.actor,
    actorNote: revoke.actorNote,
    at,
    fromVersion: null,
    toVersion: version,
    message: revoke.reason,
  };
  const appended = await appendAudit(table, record, async (entry) => [
    {
      Update: {
        TableName: table.tableName,
        Key: { pk: keys.versions, sk: keys.version(version) },
        UpdateExpression: "SET revoked = :revoked",
        ConditionExpression: "#status = :published AND attribute_not_exists(revoked)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":revoked": revoked, ":published": "published" },
      },
    },
    await revokedInPointer(table, current, version, entries, entry),
  ]);
  if (appended.ok) return ok({ ...meta, revoked });
  const active = (await table.activePointer())?.version;
  return err({
    kind: active === version ? "already-active" : "revoked",
    version,
    message:
      active === version
        ? `version ${version} is active; roll back from it before revoking it`
        : `version ${version} or the active pointer changed meanwhile (another revocation, a move); nothing was written; try again`,
  });
};
