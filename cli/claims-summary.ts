import { type ClaimsCounts, type ClaimsTally, countsOf } from "../claims/claims-tally.js";
import { EXIT } from "./exit-codes.js";

/*
 * What a claims check found, as the command prints it, and its exit code. Counts only (see
 * claims/claims-tally.ts): the summary is printed and may be logged.
 */

/** What a claims check found, as `--json` prints it. */
export interface ClaimsSummary extends ClaimsCounts {
  readonly input: string;
  readonly sha256: string;
  readonly report: string;
  readonly ruleVersion: number;
  readonly exitCode: number;
}

/**
 * The exit code of a finished check: lines that cannot be read are invalid input (1, as for every
 * command) and outrank findings, since the audit is then incomplete; otherwise inconsistent lines
 * are findings (5); lines the rules refuse (an unknown code, an ambiguous age) are neither.
 */
export const exitCodeOf = (tally: ClaimsTally): number => {
  if (tally.malformed > 0) return EXIT.refused;
  return tally.inconsistent > 0 ? EXIT.inconsistent : 0;
};

export const summaryOf = (
  tally: ClaimsTally,
  where: Pick<ClaimsSummary, "input" | "sha256" | "report" | "ruleVersion">,
): ClaimsSummary => ({ ...where, ...countsOf(tally), exitCode: exitCodeOf(tally) });

const linesOf = (n: number): string => `${n} line${n === 1 ? "" : "s"}`;

export const describeSummary = (summary: ClaimsSummary): string => {
  const notChecked = summary.lines - summary.consistent - summary.inconsistent;
  const head = `checked ${linesOf(summary.lines)} of ${summary.input} (sha256 ${summary.sha256}) against rule version ${summary.ruleVersion}: ${summary.consistent} consistent, ${summary.inconsistent} inconsistent, ${notChecked} not checked; report in ${summary.report}`;
  const codes = summary.inconsistentByCode.map(
    ({ code, expected, lines }) =>
      `  inconsistent: ${code} → ${expected || "(none)"}: ${linesOf(lines)}`,
  );
  const refused = Object.entries(summary.refused).map(
    ([reason, lines]) => `  not checked: ${reason}: ${linesOf(lines)}`,
  );
  return [head, ...codes, ...refused].join("\n");
};
