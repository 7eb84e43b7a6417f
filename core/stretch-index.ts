import type { RuleSet } from "./rule-set.js";
import type { Stretch } from "./stretch.js";

/**
 * Each procedure's stretches of dates of service as validation found them, kept beside the
 * validated rule set so that compiling it (core/compiled-rule-set.ts) does not split the dates
 * again: splitting them is a fifth of a version's load at the limits. A rule set never changes once
 * validated, so the stretches kept never go stale.
 */
const kept = new WeakMap<RuleSet, ReadonlyMap<string, readonly Stretch[]>>();

export const keepStretches = (
  ruleSet: RuleSet,
  byProcedure: ReadonlyMap<string, readonly Stretch[]>,
): void => {
  kept.set(ruleSet, byProcedure);
};

/** The procedure's stretches as validation found them; none for a rule set it did not keep them for. */
export const keptStretches = (
  ruleSet: RuleSet,
  procedure: string,
): readonly Stretch[] | undefined => kept.get(ruleSet)?.get(procedure);
