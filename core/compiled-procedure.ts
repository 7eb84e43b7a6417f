import { bandKey } from "./age-band.js";
import { inBandOrder } from "./code-order.js";
import type { CompiledRule } from "./compiled-rule.js";
import type { EpochDays } from "./epoch-days.js";
import { groupBy } from "./group-by.js";
import { ordered } from "./ordered.js";
import type { Procedure, Rule } from "./rule-set.js";
import { type Stretch, stretches } from "./stretch.js";
import { weightsToTry } from "./weight.js";

/**
 * The rules of one procedure in effect over one stretch of dates of service, arranged for the
 * answer: their bands youngest first, whose edges the rule set's search table holds
 * (core/search-table.ts), so the band that holds an age is found by a binary search. Rules that
 * split one band by limits besides age share it; a band is reached through the first of them,
 * which is the answer wherever those limits do not decide.
 */
export interface RulesInEffect {
  /** In rule-set order. */
  readonly rules: readonly CompiledRule[];
  /** Each band's rules (in rule-set order), youngest band first; each band ends where or before the next starts. */
  readonly bandRules: readonly (readonly CompiledRule[])[];
  /** The rules in band order, as "age not covered" lists them. */
  readonly inBandOrder: readonly CompiledRule[];
  readonly limitsGestation: boolean;
  readonly limitsWeight: boolean;
  /** Where a rule limits weight and none is given: one weight of each stretch its edges make. */
  readonly weights: readonly number[];
  readonly limitsPayer: boolean;
  /** The payer programs the procedure declares: where a rule limits payer and none is given. */
  readonly payers: readonly string[];
  readonly codes: ReadonlySet<string>;
}

/** A procedure's rules, whose stretches of dates of service its entry in the search table finds. */
export interface CompiledProcedure {
  readonly key: string;
  /** From which day (days since 1970-01-01) no code answers, and why: the procedure's `retired`. */
  readonly retired?: { readonly from: number; readonly reason: string } | undefined;
  /** In rule-set order. */
  readonly rules: readonly CompiledRule[];
  /** The codes of its rules: what a check of a billed code looks up first. */
  readonly codes: ReadonlySet<string>;
}

/**
 * Each band's rules, youngest band first. Bands that start in different units (28 days, then 1
 * month) cannot be put in order by their numbers; but each is over before the next starts for
 * every date of birth, so the order in which one date of birth reaches their starts
 * (CompiledRule.startsOn) is the order for all.
 */
const bandsOf = (rules: readonly CompiledRule[]): CompiledRule[][] => {
  const byStart = (a: CompiledRule, b: CompiledRule) => a.startsOn - b.startsOn;
  // Only rules limited besides age may share a band (the validator refuses others that overlap):
  // where none is, each rule is a band of its own, and nothing needs grouping.
  if (!rules.some(limitedBesidesAge)) return ordered(rules, byStart).map((rule) => [rule]);
  return [...groupBy(rules, (rule) => bandKey(rule.band)).values()].sort((a, b) =>
    byStart(a[0] as CompiledRule, b[0] as CompiledRule),
  );
};

const limitedBesidesAge = (rule: CompiledRule): boolean =>
  rule.limitsGestation || rule.limitsWeight || rule.limitsPayer;

/** No weight to try: one list shared by every stretch where no rule limits weight. */
const NO_WEIGHTS: readonly number[] = [];

const compileStretch = (
  rules: readonly CompiledRule[],
  payers: readonly string[],
): RulesInEffect => {
  const bandRules = bandsOf(rules);
  const limitsWeight = rules.some((rule) => rule.limitsWeight);
  return {
    rules,
    bandRules,
    // Bands that follow each other for every date of birth are in band order already (start, then
    // end); only the rules of one band remain to be put in order, by code. Every stretch keeps
    // this list, so where no band has two rules it is made without sorting anything.
    inBandOrder:
      bandRules.length === rules.length
        ? bandRules.map(([first]) => first as CompiledRule)
        : bandRules.flatMap((held) => inBandOrder(held)),
    limitsGestation: rules.some((rule) => rule.limitsGestation),
    limitsWeight,
    weights: limitsWeight
      ? weightsToTry(rules.filter((rule) => rule.limitsWeight).map((rule) => rule.grams))
      : NO_WEIGHTS,
    limitsPayer: rules.some((rule) => rule.limitsPayer),
    payers,
    codes: new Set(rules.map((rule) => rule.code)),
  };
};

/** A procedure's rules in effect from each first day of a stretch of dates of service; none where none is. */
export type CompiledStretches = readonly {
  readonly from: number;
  readonly inEffect?: RulesInEffect | undefined;
}[];

/**
 * A procedure's rules (compiled, in rule-set order) by their stretches of dates of service: those
 * validation found, or split here. Its stretches go into the rule set's search table.
 */
export const compileProcedure = (
  { key, payers = [], retired }: Procedure,
  rules: readonly CompiledRule[],
  found: readonly Stretch[] | undefined,
  days: EpochDays,
): { procedure: CompiledProcedure; stretches: CompiledStretches } => {
  const split = found ?? stretches(rules.map(({ rule }) => rule));
  const compiledIn = compiledFinder(rules);
  const retiredOn = retired && days.of(retired.from);
  return {
    procedure: {
      key,
      rules,
      codes: new Set(rules.map(({ code }) => code)),
      ...(retired && retiredOn !== undefined
        ? { retired: { from: retiredOn, reason: retired.reason } }
        : {}),
    },
    stretches: split.flatMap(({ from, rules: held }) => {
      // The day after a period ending 9999-12-31 is written 10000-01-01, which is no date of
      // service, and the stretch it starts holds none: it is left out.
      const day = days.of(from);
      if (day === undefined) return [];
      return [
        {
          from: day,
          inEffect: held.length === 0 ? undefined : compileStretch(compiledIn(held), payers),
        },
      ];
    }),
  };
};

/** Up to this many rules a procedure's stretches find their compiled forms by walking its list. */
const WALKED = 16;

/**
 * The compiled forms of a stretch's rules, which are the procedure's own in the same order: one
 * walk along both lists where the procedure has few rules, with no map from each rule to its
 * compiled form; a map where it has many, so that many stretches of many rules stay linear.
 */
const compiledFinder = (
  rules: readonly CompiledRule[],
): ((held: readonly Rule[]) => CompiledRule[]) => {
  if (rules.length > WALKED) {
    const byRule = new Map(rules.map((compiled) => [compiled.rule, compiled]));
    return (held) => held.map((rule) => byRule.get(rule) as CompiledRule);
  }
  return (held) => {
    const compiled: CompiledRule[] = [];
    let at = 0;
    for (const rule of held) {
      while (at < rules.length && rules[at]?.rule !== rule) at += 1;
      const found = rules[at];
      if (!found) throw new Error(`rule ${rule.id} is not one of its procedure's, in order`);
      compiled.push(found);
    }
    return compiled;
  };
};
