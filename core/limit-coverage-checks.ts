import { bandKey, bandLabel } from "./age-band.js";
import { gestationGroupProblems, limitsBesidesAge } from "./coverage-checks.js";
import { limitsGestation } from "./gestation.js";
import { groupBy } from "./group-by.js";
import { limitsPayer, payersHeld } from "./payer.js";
import type { RuleProblem } from "./rule-problem.js";
import type { Procedure, Rule } from "./rule-set.js";
import type { Stretch } from "./stretch.js";
import { formatGrams, gramRange, inGramRange, limitsWeight, weightsToTry } from "./weight.js";

/*
 * Coverage over present weight and payer, as over gestational age: where rules split a band by
 * them, at every declared payer each weight from 0 g up to the heaviest any of them is for must
 * have exactly one rule (and, where they also limit age from conception, every gestational and
 * post-conception age at each). Weights past the heaviest are left without a code on purpose: the
 * answer there lists the weights the codes are for.
 */

/** The rules' payer programs that the procedure does not declare. */
export const payerDeclarationProblems = (
  procedure: Procedure,
  rules: readonly Rule[],
): RuleProblem[] => {
  const declared = new Set(procedure.payers ?? []);
  return rules.filter(limitsPayer).flatMap((rule) => {
    const named = [...(rule.payers?.only ?? []), ...(rule.payers?.except ?? [])];
    const undeclared = named.filter((payer) => !declared.has(payer));
    return undeclared.length === 0
      ? []
      : [
          {
            ruleId: rule.id,
            field: "payers",
            message: `names ${undeclared.join(", ")}, which ${procedure.key} does not declare under payers (${[...declared].join(", ") || "none"})`,
          },
        ];
  });
};

export const limitCoverageProblems = (
  procedure: Procedure,
  { from, rules }: Stretch,
): RuleProblem[] =>
  // Most stretches have no such rule: they are not grouped at all.
  rules.some(limitsBesidesAge)
    ? [...groupBy(rules, (rule) => bandKey(rule.band)).values()]
        .filter((group) => group.some(limitsBesidesAge))
        .flatMap((group) => bandProblems(procedure, group, `on dates of service from ${from}`))
    : [];

/** One weight of each stretch of grams the group's edges make, and where each stretch ends. */
const weightStretches = (group: readonly Rule[]) => {
  const ranges = group.filter(limitsWeight).map((rule) => gramRange(rule.weightGrams));
  const tried = weightsToTry(ranges);
  const top =
    ranges.length > 0 && ranges.every((range) => range.to !== undefined)
      ? Math.max(0, ...ranges.map((range) => range.to ?? 0))
      : Number.POSITIVE_INFINITY;
  return tried.map((grams, index) => ({ grams, below: tried[index + 1], pastTop: grams >= top }));
};

const bandProblems = (
  procedure: Procedure,
  group: readonly Rule[],
  when: string,
): RuleProblem[] => {
  const [first] = group as [Rule, ...Rule[]];
  const band = bandLabel(first.band);
  const declared = procedure.payers ?? [];
  const payers: (string | undefined)[] = group.some(limitsPayer) ? declared : [undefined];
  const weighs = group.some(limitsWeight);
  const problems: RuleProblem[] = [];
  for (const payer of payers)
    for (const { grams, below, pastTop } of weightStretches(group)) {
      const held = group.filter(
        (rule) =>
          inGramRange(gramRange(rule.weightGrams), grams) &&
          (payer === undefined || payersHeld(rule, declared).includes(payer)),
      );
      const where = [
        weighs
          ? `weights from ${formatGrams(grams)}${below === undefined ? " on" : ` up to ${formatGrams(below)}`}`
          : "",
        payer === undefined ? "" : `payer ${payer}`,
      ]
        .filter((part) => part !== "")
        .join(" and ");
      if (held.length === 0 && !pastTop)
        problems.push({
          ruleId: first.id,
          field: weighs ? "weightGrams" : "payers",
          message: `${when}, for ${where}, no rule covers band '${band}' of ${procedure.key}`,
        });
      else if (held.some(limitsGestation))
        problems.push(...gestationGroupProblems(held, `${when}, for ${where}`, procedure));
      else if (held.length > 1)
        problems.push({
          ruleId: (held[1] as Rule).id,
          field: weighs ? "weightGrams" : "payers",
          message: `${when}, for ${where}, both ${held.map((rule) => rule.id).join(" and ")} cover band '${band}' of ${procedure.key}`,
        });
    }
  return problems;
};
