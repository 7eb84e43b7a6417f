import { describeCaseProblem, runGoldenCases } from "../core/golden-cases.js";
import { limitProblems } from "../core/limits.js";
import { validateForPublish } from "../core/publish-checks.js";
import { removalProblems } from "../core/removals.js";
import type { RuleSet } from "../core/rule-set.js";
import {
  readRuleFilesWithBase,
  readValidRuleSet,
  type ValidRuleFiles,
} from "../rule-files/read-rule-files.js";
import { CliError, invalidRules, refuseProblems } from "./cli-error.js";

export const readValid = (path: string): ValidRuleFiles => {
  const read = readValidRuleSet(path);
  if (read.ok) return read.value;
  const refusal = read.error;
  if (refusal.kind === "unreadable") throw new CliError(refusal.message);
  throw invalidRules(path, refusal.problems);
};

/** Rule files that passed every check a publish makes before writing, with their golden cases counted. */
interface ServableFiles {
  readonly ruleSet: RuleSet;
  readonly baseVersion?: number | undefined;
  readonly cases: number;
}

/**
 * A rule file or folder checked as `publish` checks it before writing anything: the limits of
 * what the function serves (first, so a huge set is refused before it is validated), the
 * publish checks, rules at all (unless removals are allowed), and its golden cases.
 */
export const readServable = (
  path: string,
  options: { readonly allowRemovals?: boolean | undefined } = {},
): ServableFiles => {
  const read = readRuleFilesWithBase(path);
  if (!read.ok) throw new CliError(read.error);
  const { content, baseVersion, cases = [] } = read.value;
  const overLimits = limitProblems(content);
  refuseProblems(
    `${path}: past the limits of what the function serves (${overLimits[0]?.message}); nothing was written`,
    overLimits,
  );
  const validated = validateForPublish(content);
  if (!validated.ok) throw invalidRules(path, validated.error);
  const ruleSet = validated.value;
  if (!options.allowRemovals)
    refuseProblems(
      `${path}: the rule set has no rules, so every selection would be refused; nothing was written`,
      removalProblems(undefined, ruleSet),
    );
  const mismatches = runGoldenCases(ruleSet, cases);
  if (mismatches.length > 0) {
    throw new CliError(
      `${path}: ${mismatches.length} of ${cases.length} golden case(s) fail; nothing was written`,
      mismatches.map((mismatch) => `  ${describeCaseProblem(mismatch)}`).join("\n"),
      { valid: false, goldenCases: mismatches },
    );
  }
  return { ruleSet, baseVersion, cases: cases.length };
};
