import { err, ok, type Result } from "../core/result.js";
import {
  type MergeableRules,
  type MergeConflict,
  mergeThreeWays,
} from "../core/three-way-merge.js";
import { EMPTY_RULE_SET } from "../core/validate.js";
import type { AdminTable } from "./admin-table.js";
import { type ChangeRequest, OPEN_STATES } from "./change-request.js";
import { readPublished } from "./published-version.js";
import {
  type Acting,
  authorOnly,
  loadRequest,
  refuseUnlessIn,
  takeStep,
  withContent,
} from "./request-steps.js";
import { requestRefused, type StoreRefusal } from "./store-refusal.js";

type Step = Promise<Result<ChangeRequest, StoreRefusal>>;

/** The rules of a version the admin side builds on, checked as the function would serve them. */
const rulesOf = async (
  table: AdminTable,
  version: number | null,
): Promise<Result<MergeableRules, StoreRefusal>> => {
  if (version === null) return ok(EMPTY_RULE_SET);
  const published = await readPublished(table, version);
  return published.ok ? ok(published.value.ruleSet) : published;
};

/**
 * Moves a request onto the version active now, merging per rule three ways (its base, the active
 * version, the request): edits to different rules are combined, edits to the same rule are kept
 * side by side as conflicts. Its content changes, so approvals given before no longer count.
 */
export const rebaseRequest = async (table: AdminTable, number: number, by: Acting): Step => {
  const loaded = await loadRequest(table, number);
  if (!loaded.ok) return loaded;
  const { request, writes } = loaded.value;
  const refusal =
    refuseUnlessIn(request, OPEN_STATES, "rebased") ?? authorOnly(request, by, "rebases it");
  if (refusal) return err(refusal);
  const active = (await table.activePointer())?.version ?? null;
  if (active === request.baseVersion)
    return err(requestRefused(number, `it is based on the active version already (${active})`));
  const [base, theirs] = await Promise.all([
    rulesOf(table, request.baseVersion),
    rulesOf(table, active),
  ]);
  if (!base.ok) return base;
  if (!theirs.ok) return theirs;
  const mine = request.content;
  const { merged, conflicts } = mergeThreeWays(base.value, theirs.value, mine);
  const next = withContent(request, merged, [...conflicts], table);
  const said = `onto version ${active} from ${request.baseVersion ?? "an empty table"}: ${conflicts.length} conflict(s)`;
  return takeStep(table, { ...next, baseVersion: active }, writes, "rebased", by, said);
};

/** Which side of a conflict to keep: the request's own, or the active version's. */
export type Side = "mine" | "theirs";

/**
 * Resolves one conflict by keeping one side (keeping a side that removed the rule removes it).
 * Only the author resolves: the request says what they propose.
 */
export const resolveConflict = async (
  table: AdminTable,
  number: number,
  key: string,
  side: Side,
  by: Acting,
): Step => {
  const loaded = await loadRequest(table, number);
  if (!loaded.ok) return loaded;
  const { request, writes } = loaded.value;
  const refusal =
    refuseUnlessIn(request, OPEN_STATES, "resolved") ??
    authorOnly(request, by, "resolves its conflicts");
  if (refusal) return err(refusal);
  const conflict = request.conflicts.find((c) => c.key === key);
  if (!conflict) return err(requestRefused(number, `it has no conflict on ${key}`));
  const content = keepSide(request.content, conflict, side);
  const rest = request.conflicts.filter((c) => c !== conflict);
  const next = withContent(request, content, rest, table);
  return takeStep(table, next, writes, "resolved", by, `${conflict.kind} ${key}: kept ${side}`);
};

const keepSide = (content: MergeableRules, conflict: MergeConflict, side: Side): MergeableRules => {
  if (conflict.kind === "procedure") {
    const kept = conflict[side];
    const others = content.procedures.filter((p) => p.key !== conflict.key);
    return { procedures: kept ? [...others, kept] : others, rules: content.rules };
  }
  const kept = conflict[side];
  const others = content.rules.filter((r) => r.id !== conflict.key);
  return { procedures: content.procedures, rules: kept ? [...others, kept] : others };
};
