import type { ProblemKind } from "../http/problem-types.js";
import type { Verdict } from "./claim-rows.js";
import { EXIT } from "./exit-codes.js";

/*
 * The counts of a claims check. They hold codes, reasons and numbers only, never a cell of a line:
 * the summary is printed and may be logged, and a claims file holds dates of birth.
 */

/** Counts that grow with the distinct codes of the rules, never with the file. */
export interface ClaimsTally {
  lines: number;
  consistent: number;
  inconsistent: number;
  malformed: number;
  /** "billed → expected" → lines. */
  readonly byCode: Map<string, { code: string; expected: string; lines: number }>;
  readonly refused: Map<ProblemKind, number>;
}

export const newTally = (): ClaimsTally => ({
  lines: 0,
  consistent: 0,
  inconsistent: 0,
  malformed: 0,
  byCode: new Map(),
  refused: new Map(),
});

export const count = (tally: ClaimsTally, verdict: Verdict): void => {
  tally.lines += 1;
  if (verdict.kind === "consistent") tally.consistent += 1;
  else if (verdict.kind === "inconsistent") {
    tally.inconsistent += 1;
    const key = `${verdict.code} ${verdict.expected}`;
    const entry = tally.byCode.get(key);
    if (entry) entry.lines += 1;
    else tally.byCode.set(key, { code: verdict.code, expected: verdict.expected, lines: 1 });
  } else {
    if (verdict.malformed) tally.malformed += 1;
    tally.refused.set(verdict.reason, (tally.refused.get(verdict.reason) ?? 0) + 1);
  }
};

/** What a claims check found, as `--json` prints it. */
export interface ClaimsSummary {
  readonly input: string;
  readonly sha256: string;
  readonly report: string;
  readonly ruleVersion: number;
  readonly lines: number;
  readonly consistent: number;
  readonly inconsistent: number;
  readonly inconsistentByCode: readonly { code: string; expected: string; lines: number }[];
  /** Lines not checked, by problem type (the API's); `invalid-request` lines cannot be read. */
  readonly refused: Readonly<Record<string, number>>;
  readonly malformed: number;
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
): ClaimsSummary => ({
  ...where,
  lines: tally.lines,
  consistent: tally.consistent,
  inconsistent: tally.inconsistent,
  inconsistentByCode: [...tally.byCode.values()].sort(
    (a, b) => b.lines - a.lines || a.code.localeCompare(b.code),
  ),
  refused: Object.fromEntries([...tally.refused].sort(([a], [b]) => a.localeCompare(b))),
  malformed: tally.malformed,
  exitCode: exitCodeOf(tally),
});

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
