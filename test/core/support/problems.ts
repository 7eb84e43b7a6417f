import type { RuleProblem } from "../../../core/rule-problem.js";
import { validateRuleSet } from "../../../core/validate.js";
import { procedure } from "./rule-sets.js";

/** The problems validateRuleSet finds in `input`; none when it accepts it. */
export const problemsOf = (input: unknown): RuleProblem[] => {
  const result = validateRuleSet(input);
  return result.ok ? [] : result.error;
};

/** A rule set of these rules under the one default procedure. */
export const withRules = (...rules: unknown[]) => ({ procedures: [procedure()], rules });
