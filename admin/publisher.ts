import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ChangeNotes } from "../core/change-notes.js";
import { limitProblems } from "../core/limits.js";
import { validateForPublish } from "../core/publish-checks.js";
import { removalProblems } from "../core/removals.js";
import { err, ok, type Result } from "../core/result.js";
import { ruleSetHasProblems } from "../core/rule-problem.js";
import type { RuleSet } from "../core/rule-set.js";
import { ruleSetChecksum } from "../store/checksum.js";
import { chunkItems } from "../store/content-chunks.js";
import { contentItems, keys, signedItemCount, type VersionMeta } from "../store/table-items.js";
import { checkStoredVersion } from "../store/version-check.js";
import { READ_TIMEOUT_MS, storedVersion } from "../store/version-reader.js";
import type { AdminTable } from "./admin-table.js";
import { writeBatches } from "./batch-writes.js";
import { raiseBreakGlass } from "./break-glass.js";
import type { Change, StoreChange } from "./change.js";
import { breakGlassReason } from "./change-policy.js";
import { type CheckedMove, checkMove } from "./move-check.js";
import { movePointer } from "./pointer-moves.js";
import { signVersion } from "./signing/sign-version.js";
import {
  abandoned,
  noteRefusal,
  oneLine,
  requestRefused,
  type StoreRefusal,
  unservable,
} from "./store-refusal.js";

/**
 * How long a staged version may take to be read back and checked as the function would: the
 * function's own read budget, so no version goes live that the function would fail to load.
 * `npm run bench` measures a version at the rule limit against it, under load (servable.*).
 */
const SERVABLE_BUDGET_MS = READ_TIMEOUT_MS;

/**
 * Publishes a rule set as a new version: staged metadata first (only under a number never used),
 * then content, then one transaction that moves the signed pointer (only from the expected
 * version), marks the version published and appends the audit entry. A loser of a race leaves an abandoned version that
 * nothing ever serves.
 */
export const publish = async (
  table: AdminTable,
  input: unknown,
  change: StoreChange,
): Promise<Result<VersionMeta, StoreRefusal>> => {
  const { authority } = change;
  const reason = breakGlassReason(authority);
  const candidate = publishable(input, { ...change, reason });
  if (!candidate.ok) return candidate;
  const ruleSet = candidate.value;
  const checksum = ruleSetChecksum(ruleSet);
  if (authority?.kind === "request" && authority.checksum !== checksum)
    return err(requestRefused(authority.request, "its rules are not the rules approved"));
  const checked = await checkMove(table, "publish", ruleSet, change);
  if (!checked.ok) return checked;
  const { active } = checked.value;
  const refusal = moveRefusal(checked.value, checksum);
  if (refusal) return err(refusal);

  // Asked before the first write: a publish with nowhere to keep its audit head (no
  // CODE_RULES_AUDIT_ANCHOR on AWS) leaves no staged version behind.
  void table.anchor.where;
  const version = await table.nextNumber(keys.pointer, "lastVersion");
  // Signed before anything is written: a signer that fails leaves only an unused number.
  const meta: VersionMeta = await signVersion(table.signer, {
    version,
    status: "staged",
    actor: change.actor,
    actorNote: change.actorNote,
    message: change.message ?? "",
    createdAt: table.clock().toISOString(),
    ruleCount: ruleSet.rules.length,
    procedureCount: ruleSet.procedures.length,
    checksum,
  });
  const staged = await stage(table, meta, ruleSet);
  if (!staged.ok) return err(staged.error);
  const raised = await raiseBreakGlass(table, "publish", change);
  if (!raised.ok) {
    await table.markAbandoned(version);
    return raised;
  }
  const moved = await movePointer(table, "publish", active.version ?? null, version, change);
  if (moved.ok) return ok({ ...meta, status: "published", publishedAt: moved.value });
  await table.markAbandoned(version);
  return err(moved.error);
};

/** Why the move may not go live: the change policy's first reason, or that it changes nothing. */
const moveRefusal = (
  { active, verdict }: CheckedMove,
  checksum: string,
): StoreRefusal | undefined => {
  const [refusal] = verdict.refusals;
  if (refusal) return refusal;
  if (active.version === undefined || ruleSetChecksum(active.ruleSet) !== checksum)
    return undefined;
  return {
    kind: "unchanged",
    version: active.version,
    message: `the rule set is identical to active version ${active.version}; nothing to publish`,
  };
};

/** The rule set, when its notes, limits, validation and rules at all let it be published. */
export const publishable = (
  input: unknown,
  change: Pick<Change, "allowRemovals"> & ChangeNotes,
): Result<RuleSet, StoreRefusal> => {
  const badNote = noteRefusal(change);
  if (badNote) return err(badNote);
  const pastLimits = limitProblems(input);
  if (pastLimits.length > 0) return err(unservable(pastLimits, "is past the limits"));
  const validated = validateForPublish(input);
  if (!validated.ok)
    return err({
      kind: "invalid-rules",
      problems: validated.error,
      message: ruleSetHasProblems(validated.error.length),
    });
  const empty = change.allowRemovals ? [] : removalProblems(undefined, validated.value);
  return empty.length > 0 ? err(unservable(empty, "has no rules")) : validated;
};

/**
 * Writes the staged metadata, then the content, then reads the version back and checks it as the
 * function would, within SERVABLE_BUDGET_MS. The metadata comes first so that a publish killed
 * part way leaves a staged version that `list --all` shows and `gc` collects, never content no
 * metadata names. A write that fails part way, or a version that does not pass, is marked
 * abandoned (never served; `gc` deletes its items) and the refusal says whether the mark held.
 */
const stage = async (
  table: AdminTable,
  meta: VersionMeta,
  ruleSet: RuleSet,
): Promise<Result<void, StoreRefusal>> => {
  const { version } = meta;
  const numbered = await putNewMeta(table, meta);
  if (!numbered.ok) return numbered;
  const chunks = chunkItems(version, ruleSet);
  try {
    // The rows, then the compressed copy: both under the staged metadata, so a publish killed
    // part way leaves items no one serves and gc collects, and the read-back below checks both.
    const items = [...contentItems(version, ruleSet), ...chunks];
    await writeBatches(
      table,
      items.map((Item) => ({ PutRequest: { Item } })),
    );
  } catch (error) {
    const why = `writing its content failed (${oneLine(error)})`;
    return err(abandoned(version, why, await table.markAbandoned(version)));
  }
  const proof = await readBack(table, meta, chunks.length);
  if (proof.ok) return ok(undefined);
  const why = `as stored it cannot be served: ${proof.error}`;
  return err(abandoned(version, why, await table.markAbandoned(version)));
};

/**
 * The staged version read back and checked as the function would, within the budget; then its
 * rows, checked alike, since the function reads them should the compressed copy be gone. The rows
 * are not held to the budget: the function reads the copy, and the rows' read is the admin's wait.
 */
const readBack = async (
  table: AdminTable,
  meta: VersionMeta,
  chunks: number,
): Promise<Result<void, string>> => {
  // The public key is the signer's, not the table's: fetching it is no part of the function's read.
  const verify = await table.verifier();
  const started = performance.now();
  let tookMs: number;
  try {
    const content = await table.versionContent(
      meta.version,
      AbortSignal.timeout(SERVABLE_BUDGET_MS),
      signedItemCount(meta),
    );
    const checked = checkStoredVersion(storedVersion(meta, content), verify);
    if (!checked.ok) return err(checked.error.reason);
    tookMs = Math.round(performance.now() - started);
    const rows = await table.rowContent(meta.version, undefined, signedItemCount(meta) + chunks);
    const rowsChecked = checkStoredVersion(storedVersion(meta, rows), verify);
    if (!rowsChecked.ok) return err(`its rows: ${rowsChecked.error.reason}`);
  } catch (error) {
    return err(`reading it back failed (${oneLine(error)})`);
  }
  return tookMs > SERVABLE_BUDGET_MS
    ? err(`reading and checking it took ${tookMs} ms, over the budget of ${SERVABLE_BUDGET_MS} ms`)
    : ok(undefined);
};

/**
 * Writes a new version's metadata, only if its number was never used: a version counter set back
 * outside code-rules then fails a publish instead of overwriting a version. Nothing else was
 * written when it fails.
 */
const putNewMeta = async (
  table: AdminTable,
  meta: VersionMeta,
): Promise<Result<void, StoreRefusal>> => {
  try {
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: keys.versions, sk: keys.version(meta.version), ...meta },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return ok(undefined);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // The SDK retries a write that timed out: one that landed the first time is our own.
    const written = await table.versionMeta(meta.version);
    if (written?.signature !== undefined && written.signature === meta.signature)
      return ok(undefined);
    return err({
      kind: "tampered",
      version: meta.version,
      message: `version ${meta.version} exists already: the version counter was set back outside code-rules; publish refused, and no version was changed`,
    });
  }
};
