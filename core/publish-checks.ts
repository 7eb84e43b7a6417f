import { bandLabel, bandStart } from "./age-band.js";
import { ageStatements } from "./age-statement.js";
import { err, type Result } from "./result.js";
import type { RuleProblem } from "./rule-problem.js";
import { type Rule, type RuleSet, ruleSchema } from "./rule-set.js";
import { compareThresholds, describeThreshold } from "./threshold.js";
import { validateRuleSet } from "./validate.js";

/**
 * The checks a rule set passes before it is published: every check of {@link validateRuleSet},
 * that no rule's text states an age (its band states them), and that no band starts before its
 * procedure's declared start of coverage. The loader re-checks stored versions with
 * validateRuleSet alone, so a check added here never stops a version that is already being served.
 */
export const validateForPublish = (input: unknown): Result<RuleSet, RuleProblem[]> => {
  const validated = validateRuleSet(input);
  // A valid set's rules are parsed already: parsing them again cost a third of a large publish.
  const problems = validated.ok
    ? [...validated.value.rules.flatMap(statedAges), ...beforeCoverage(validated.value)]
    : [...validated.error, ...textProblems(input)];
  return problems.length > 0 ? err(problems) : validated;
};

const textProblems = (input: unknown): RuleProblem[] => {
  const rules = (input as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((raw) => {
    const parsed = ruleSchema.safeParse(raw);
    return parsed.success ? statedAges(parsed.data) : [];
  });
};

/**
 * Text that states an age, in any words: the served text joins the rule's text with its band's
 * label (served-text.ts), so an age in the text is said twice and may contradict the band.
 */
const statedAges = (rule: Pick<Rule, "id" | "text" | "band">): RuleProblem[] => {
  const phrases = ageStatements(rule.text);
  if (phrases.length === 0) return [];
  const says = phrases.map((phrase) => JSON.stringify(phrase)).join(", ");
  return [
    {
      ruleId: rule.id,
      field: "text",
      message: `says ${says}: the band states the ages (${bandLabel(rule.band)}); say only the service`,
    },
  ];
};

/**
 * Bands that start before their procedure's declared `coverage.startsAt`: the ages before it are
 * not the procedure's, the mirror of the validator's check on `coverage.stopsAt`. A band starting
 * after it leaves a gap, which the validator names.
 */
const beforeCoverage = ({ procedures, rules }: RuleSet): RuleProblem[] =>
  procedures.flatMap(({ key, coverage }) => {
    const startsAt = coverage?.startsAt;
    if (!startsAt) return [];
    return rules
      .filter((rule) => rule.procedure === key)
      .filter((rule) => compareThresholds(startsAt, bandStart(rule.band)) === "after")
      .map((rule) => ({
        ruleId: rule.id,
        field: "band.lower",
        message: `band '${bandLabel(rule.band)}' starts at ${describeThreshold(bandStart(rule.band))}, but ${key} declares its coverage starts at ${describeThreshold(startsAt)}`,
      }));
  });
