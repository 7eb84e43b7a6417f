import type { RuleProblem } from "./rule-problem.js";
import type { RuleSet } from "./rule-set.js";

/**
 * What a candidate takes away that callers are answered with today: all its rules (an empty set
 * refuses every selection), or procedures and codes of the active version. Publish and rollback
 * refuse these unless the admin allows removals.
 */
export const removalProblems = (
  active: RuleSet | undefined,
  candidate: Pick<RuleSet, "procedures" | "rules">,
): RuleProblem[] => {
  if (candidate.rules.length === 0) {
    return [
      {
        field: "rules",
        message: "the rule set has no rules: every selection would be refused",
      },
    ];
  }
  if (!active) return [];
  const kept = new Set(candidate.procedures.map((procedure) => procedure.key));
  const keptCodes = new Set(candidate.rules.map((rule) => `${rule.procedure} ${rule.code}`));
  const problems: RuleProblem[] = active.procedures
    .filter((procedure) => !kept.has(procedure.key))
    .map((procedure) => ({
      procedure: procedure.key,
      field: "key",
      message: `procedure ${procedure.key} of the active version is removed: its selections would be refused`,
    }));
  const reported = new Set<string>();
  for (const rule of active.rules) {
    const pair = `${rule.procedure} ${rule.code}`;
    if (!kept.has(rule.procedure) || keptCodes.has(pair) || reported.has(pair)) continue;
    reported.add(pair);
    problems.push({
      procedure: rule.procedure,
      field: "code",
      message: `code ${rule.code} of ${rule.procedure} in the active version is in no rule of the candidate`,
    });
  }
  return problems;
};
