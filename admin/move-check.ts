import { utcDateOf } from "../core/calendar-date.js";
import { err, ok, type Result } from "../core/result.js";
import type { RuleSet } from "../core/rule-set.js";
import { EMPTY_RULE_SET } from "../core/validate.js";
import type { AdminTable } from "./admin-table.js";
import type { Change } from "./change.js";
import { type ActiveRules, judgeMove, type MoveAction, type MoveVerdict } from "./change-policy.js";
import { readPublished } from "./published-version.js";
import { conflict, type StoreRefusal } from "./store-refusal.js";

/** A move judged against the version active now. */
export interface CheckedMove {
  readonly active: ActiveRules;
  readonly verdict: MoveVerdict;
}

/** The active version's rules, read and checked as the function would serve them; none over an empty table. */
const activeRules = async (table: AdminTable): Promise<Result<ActiveRules, StoreRefusal>> => {
  const version = (await table.activePointer())?.version;
  if (version === undefined) return ok({ version, ruleSet: EMPTY_RULE_SET });
  const published = await readPublished(table, version);
  return published.ok ? ok({ version, ruleSet: published.value.ruleSet }) : published;
};

/**
 * What the change policy says of moving `candidate` into place now: against the active version as
 * read, with today on the store's clock unless the change names the day. A change that means to
 * replace another version than the active one is refused first, as a conflict: its impact would be
 * measured against rules it never saw.
 */
export const checkMove = async (
  table: AdminTable,
  action: MoveAction,
  candidate: RuleSet,
  change: Omit<Change, "actor">,
): Promise<Result<CheckedMove, StoreRefusal>> => {
  const active = await activeRules(table);
  if (!active.ok) return active;
  const activeVersion = active.value.version ?? null;
  if (change.expectVersion !== undefined && change.expectVersion !== activeVersion)
    return err(conflict(action, change.expectVersion, activeVersion));
  const verdict = judgeMove({
    action,
    active: active.value,
    candidate,
    asOf: change.asOf ?? utcDateOf(table.clock()),
    allowPastChanges: change.allowPastChanges,
    allowRemovals: change.allowRemovals,
  });
  return ok({ active: active.value, verdict });
};
