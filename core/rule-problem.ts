import { showHidden } from "./plain-text.js";

/** One thing wrong with a rule set, located by rule id (or procedure key) and field. */
export interface RuleProblem {
  readonly ruleId?: string;
  readonly procedure?: string;
  readonly field: string;
  readonly message: string;
}

/**
 * One problem on one line: the rule (or procedure), the field and what is wrong with it. An id
 * read from a refused file is still hostile, so hidden characters are shown as escapes.
 */
export const describeProblem = ({ ruleId, procedure, field, message }: RuleProblem): string =>
  showHidden(`${ruleId ?? procedure ?? "(rule set)"} ${field}: ${message}`);

/** Every problem, one indented line each, as the CLI and the stack's synth print them. */
export const describeProblems = (problems: readonly RuleProblem[]): string =>
  problems.map((problem) => `  ${describeProblem(problem)}`).join("\n");

/** How every door says a rule set was refused for its problems, which are listed after it. */
export const ruleSetHasProblems = (count: number): string =>
  `the rule set has ${count} problem(s); nothing was written`;
