import { type AgeBand, bandEnd, bandLabel, bandStart } from "./age-band.js";
import { type StatedAges, statedAges } from "./age-phrase.js";
import { err, type Result } from "./result.js";
import { type Rule, type RuleSet, ruleSchema } from "./rule-set.js";
import { compareThresholds, type Threshold } from "./threshold.js";
import { type RuleProblem, validateRuleSet } from "./validate.js";

/**
 * The checks a rule set passes before it is published: every check of {@link validateRuleSet},
 * and that no rule's text states ages its band does not hold. The loader re-checks stored
 * versions with validateRuleSet alone, so a check added here never stops a version that is
 * already being served.
 */
export const validateForPublish = (input: unknown): Result<RuleSet, RuleProblem[]> => {
  const validated = validateRuleSet(input);
  // A valid set's rules are parsed already: parsing them again cost a third of a large publish.
  const problems = validated.ok
    ? validated.value.rules.flatMap(contradictions)
    : [...validated.error, ...textProblems(input)];
  return problems.length > 0 ? err(problems) : validated;
};

const textProblems = (input: unknown): RuleProblem[] => {
  const rules = (input as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((raw) => {
    const parsed = ruleSchema.safeParse(raw);
    return parsed.success ? contradictions(parsed.data) : [];
  });
};

const contradictions = (rule: Rule): RuleProblem[] =>
  statedAges(rule.text)
    .filter((stated) => !agrees(stated, rule.band))
    .map(({ phrase }) => ({
      ruleId: rule.id,
      field: "text",
      message: `says "${phrase}", but the band is ${bandLabel(rule.band)}; say the band's ages`,
    }));

const agrees = (stated: StatedAges, band: AgeBand): boolean =>
  same(stated.start, bandStart(band)) && same(stated.end, bandEnd(band));

const same = (a: Threshold | undefined, b: Threshold | undefined): boolean =>
  a === undefined || b === undefined ? a === b : compareThresholds(a, b) === "same";
