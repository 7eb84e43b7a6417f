import { utcDateOf } from "../core/calendar-date.js";
import { err, ok, type Result } from "../core/result.js";
import type { RuleSet } from "../core/rule-set.js";
import { EMPTY_RULE_SET } from "../core/validate.js";
import type { AdminTable } from "./admin-table.js";
import type { StoreChange } from "./change.js";
import {
  type ActiveRules,
  ALONE,
  type JudgedAction,
  judgeMove,
  type MoveVerdict,
} from "./change-policy.js";
import { readPublished } from "./published-version.js";
import { conflict, type StoreRefusal } from "./store-refusal.js";

/** What of a change the policy reads. */
export type MoveChange = Pick<
  StoreChange,
  "expectVersion" | "asOf" | "allowPastChanges" | "allowRemovals" | "authority"
>;

/** A move judged against the version active now. */
export interface CheckedMove {
  readonly active: ActiveRules;
  readonly verdict: MoveVerdict;
}

/**
 * The active version's rules, read and checked as the function would serve them; none over an
 * empty table. An active version that fails its checks is never served, so nothing is built on
 * it: a move away from it is judged against no rules, and every answer the move gives counts as a
 * change (past ones need the admin's leave). That keeps a way out of a tampered version.
 */
export const readActiveRules = async (table: AdminTable): Promise<ActiveRules> => {
  const version = (await table.activePointer())?.version;
  if (version === undefined) return { version, ruleSet: EMPTY_RULE_SET };
  const published = await readPublished(table, version);
  return { version, ruleSet: published.ok ? published.value.ruleSet : EMPTY_RULE_SET };
};

/** The later of two days: a move may count dates as past from a later day, never an earlier one. */
const laterDay = (a: string, b: string): string => (a > b ? a : b);

/**
 * What the change policy says of moving `candidate` into place now: against the active version as
 * read, with today on the store's clock unless the change names the day. A change that means to
 * replace another version than the active one is refused first, as a conflict: its impact would be
 * measured against rules it never saw.
 */
export const checkMove = async (
  table: AdminTable,
  action: JudgedAction,
  candidate: RuleSet,
  change: MoveChange,
): Promise<Result<CheckedMove, StoreRefusal>> => {
  const active = await readActiveRules(table);
  const activeVersion = active.version ?? null;
  if (change.expectVersion !== undefined && change.expectVersion !== activeVersion)
    return err(conflict(action, change.expectVersion, activeVersion));
  const today = utcDateOf(table.clock());
  const verdict = judgeMove({
    action,
    authority: change.authority ?? ALONE,
    active,
    candidate,
    // Only the admin's leave lets a move re-code the past, never a day set back.
    asOf: change.asOf === undefined ? today : laterDay(change.asOf, today),
    allowPastChanges: change.allowPastChanges,
    allowRemovals: change.allowRemovals,
  });
  return ok({ active, verdict });
};
