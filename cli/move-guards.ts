import { utcDateOf } from "../core/calendar-date.js";
import { earliestChange, type ImpactRegion, impactJson } from "../core/impact.js";
import { refusedPastRegions } from "../core/past-changes.js";
import { removalProblems } from "../core/removals.js";
import type { RuleProblem } from "../core/rule-problem.js";
import type { RuleSet } from "../core/rule-set.js";
import { CliError, refuseProblems } from "./cli-error.js";
import { formatRegions } from "./format.js";

export interface PastChangeOptions {
  /** Dates of service before this one (YYYY-MM-DD; default today in UTC) are past. */
  readonly asOf?: string;
  readonly allowPastChanges?: boolean;
}

/** The day from which dates of service count as past, and the past changes that refuse the move. */
export const pastChanges = (
  active: number | undefined,
  regions: readonly ImpactRegion[],
  options: PastChangeOptions,
) => {
  const asOf = options.asOf ?? utcDateOf(new Date());
  return { asOf, past: refusedPastRegions(active, regions, asOf, options.allowPastChanges) };
};

/**
 * Refuses a move away from an active version that changes answers for dates of service already
 * past, unless the admin says so; over an empty table nothing was ever answered.
 */
export const refuseSilentPastChanges = (
  action: "publish" | "rollback",
  active: number | undefined,
  regions: readonly ImpactRegion[],
  options: PastChangeOptions,
): void => {
  const { asOf, past } = pastChanges(active, regions, options);
  if (past.length === 0) return;
  const earliest = earliestChange(past);
  throw new CliError(
    `${action} refused: it changes answers for dates of service from ${earliest}, before ${asOf}; nothing was written (pass --allow-past-changes if that is meant)`,
    formatRegions(past),
    { refused: "past-changes", asOf, earliestChange: earliest, regions: impactJson(past) },
  );
};

export interface RemovalOptions {
  /** Let the move take procedures or codes (or every rule) away from the active version. */
  readonly allowRemovals?: boolean;
}

/** What a move takes away from the active version that refuses it, unless removals are allowed. */
export const refusedRemovals = (
  active: { version: number | undefined; ruleSet: RuleSet },
  candidate: RuleSet,
  allowRemovals: boolean | undefined,
): RuleProblem[] =>
  allowRemovals || active.version === undefined ? [] : removalProblems(active.ruleSet, candidate);

/** Refuses a move that takes procedures or codes away from the active version, unless allowed. */
export const refuseRemovals = (
  action: "publish" | "rollback",
  active: { version: number | undefined; ruleSet: RuleSet },
  candidate: RuleSet,
  allowRemovals: boolean | undefined,
): void => {
  const removed = refusedRemovals(active, candidate, allowRemovals);
  refuseProblems(
    `${action} refused: it removes ${removed.length} procedure(s) or code(s) that active version ${active.version} answers with; nothing was written (pass --allow-removals if that is meant)`,
    removed,
  );
};
