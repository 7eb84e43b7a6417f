import type { Rule, RuleSet } from "./rule-set.js";

/**
 * A rule set's lookups, built once per rule set and kept beside it: the procedures by key, each
 * procedure's rules, each code's rules and the rules by id. Selection and check then look up the
 * few rules of one procedure or one code instead of scanning every rule, so their cost does not
 * grow with the rule set. A rule set is never changed once validated, so its index never goes stale.
 */
export interface RuleIndex {
  readonly procedures: ReadonlySet<string>;
  readonly rulesOfProcedure: ReadonlyMap<string, readonly Rule[]>;
  readonly rulesOfCode: ReadonlyMap<string, readonly Rule[]>;
  readonly ruleById: ReadonlyMap<string, Rule>;
}

const NONE: readonly Rule[] = [];
const built = new WeakMap<RuleSet, RuleIndex>();

const groupedBy = (rules: readonly Rule[], key: (rule: Rule) => string) => {
  const groups = new Map<string, Rule[]>();
  for (const rule of rules) {
    const group = groups.get(key(rule));
    if (group) group.push(rule);
    else groups.set(key(rule), [rule]);
  }
  return groups;
};

const build = ({ procedures, rules }: RuleSet): RuleIndex => ({
  procedures: new Set(procedures.map(({ key }) => key)),
  rulesOfProcedure: groupedBy(rules, (rule) => rule.procedure),
  rulesOfCode: groupedBy(rules, (rule) => rule.code),
  ruleById: new Map(rules.map((rule) => [rule.id, rule])),
});

/** The rule set's index, built on first use and shared by every later selection and check. */
export const indexOf = (ruleSet: RuleSet): RuleIndex => {
  let index = built.get(ruleSet);
  if (!index) {
    index = build(ruleSet);
    built.set(ruleSet, index);
  }
  return index;
};

/** A procedure's rules, in rule-set order; none for a procedure the set does not have. */
export const rulesOfProcedure = (ruleSet: RuleSet, procedure: string): readonly Rule[] =>
  indexOf(ruleSet).rulesOfProcedure.get(procedure) ?? NONE;

/** A code's rules, in rule-set order; none for a code no rule has. */
export const rulesOfCode = (ruleSet: RuleSet, code: string): readonly Rule[] =>
  indexOf(ruleSet).rulesOfCode.get(code) ?? NONE;
