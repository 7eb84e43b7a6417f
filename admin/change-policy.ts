import { earliestChange, type ImpactRegion, ruleSetImpact } from "../core/impact.js";
import { refusedPastRegions } from "../core/past-changes.js";
import { removalProblems } from "../core/removals.js";
import type { RuleProblem } from "../core/rule-problem.js";
import type { RuleSet } from "../core/rule-set.js";

/** A move of the active pointer: a new version published, or an earlier one made active again. */
export type MoveAction = "publish" | "rollback";

/** The version active when a move is judged, and its rules; none over an empty table. */
export interface ActiveRules {
  readonly version: number | undefined;
  readonly ruleSet: RuleSet;
}

/** A move as a door asks for it, with what the admin allowed. */
export interface MoveAsked {
  readonly action: MoveAction;
  readonly active: ActiveRules;
  /** The rules that would become active. */
  readonly candidate: RuleSet;
  /** Dates of service before this day (YYYY-MM-DD) are past: answers already given. */
  readonly asOf: string;
  readonly allowPastChanges?: boolean | undefined;
  readonly allowRemovals?: boolean | undefined;
}

/** Why a move may not go live as asked. Nothing was written. */
export type PolicyRefusal =
  | {
      /** It takes procedures or codes away from what the active version answers. */
      readonly kind: "removals";
      readonly problems: readonly RuleProblem[];
      /** What the move does that refuses it, as a clause: "it removes 1 procedure(s) ...". */
      readonly reason: string;
      readonly message: string;
    }
  | {
      /** It changes answers for dates of service already past. */
      readonly kind: "past-changes";
      readonly asOf: string;
      readonly earliestChange: string;
      readonly regions: readonly ImpactRegion[];
      readonly reason: string;
      readonly message: string;
    };

export interface MoveVerdict {
  /** Every age and date of service whose answer the move changes, against the active version. */
  readonly regions: readonly ImpactRegion[];
  /** Every reason it may not go live as asked, removals first; none when it may. */
  readonly refusals: readonly PolicyRefusal[];
}

/**
 * The change policy: whether a move may go live, decided here once for every door (the CLI, the
 * studio, the store itself), which only ask and say the answer. A move may not take away
 * procedures or codes callers are answered with, nor change answers for dates of service already
 * past, unless the admin allows it; over an empty table nothing was ever answered.
 */
export const judgeMove = (asked: MoveAsked): MoveVerdict => {
  const regions = ruleSetImpact(asked.active.ruleSet, asked.candidate);
  const refusals = [removalRefusal(asked), pastRefusal(asked, regions)].filter(
    (refusal): refusal is PolicyRefusal => refusal !== undefined,
  );
  return { regions, refusals };
};

const removalRefusal = (asked: MoveAsked): PolicyRefusal | undefined => {
  const { action, active, candidate, allowRemovals } = asked;
  if (allowRemovals || active.version === undefined) return undefined;
  const problems = removalProblems(active.ruleSet, candidate);
  if (problems.length === 0) return undefined;
  const reason = `it removes ${problems.length} procedure(s) or code(s) that active version ${active.version} answers with`;
  return { kind: "removals", problems, reason, message: refusedBecause(action, reason) };
};

const pastRefusal = (
  asked: MoveAsked,
  regions: readonly ImpactRegion[],
): PolicyRefusal | undefined => {
  const { action, active, asOf, allowPastChanges } = asked;
  const past = refusedPastRegions(active.version, regions, asOf, allowPastChanges);
  const earliest = earliestChange(past);
  if (earliest === undefined) return undefined;
  const reason = `it changes answers for dates of service from ${earliest}, before ${asOf}`;
  return {
    kind: "past-changes",
    asOf,
    earliestChange: earliest,
    regions: past,
    reason,
    message: refusedBecause(action, reason),
  };
};

const refusedBecause = (action: MoveAction, reason: string): string =>
  `${action} refused: ${reason}; nothing was written`;
