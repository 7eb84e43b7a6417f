import type { ProblemKind } from "../http/problem-types.js";
import type { Verdict } from "./claim-rows.js";

/*
 * The counts of a claims check, however it runs (the CLI over a file, the bulk function over a
 * batch). They hold codes, reasons and numbers only, never a cell of a line: they are printed,
 * returned to Step Functions and may be logged, and a claims file holds dates of birth.
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

/** A tally as plain JSON, in a stable order: what `--json` prints and a bulk batch returns. */
export interface ClaimsCounts {
  readonly lines: number;
  readonly consistent: number;
  readonly inconsistent: number;
  readonly inconsistentByCode: readonly { code: string; expected: string; lines: number }[];
  /** Lines not checked, by problem type (the API's); `invalid-request` lines cannot be read. */
  readonly refused: Readonly<Record<string, number>>;
  readonly malformed: number;
}

export const countsOf = (tally: ClaimsTally): ClaimsCounts => ({
  lines: tally.lines,
  consistent: tally.consistent,
  inconsistent: tally.inconsistent,
  inconsistentByCode: [...tally.byCode.values()]
    .map((entry) => ({ ...entry }))
    .sort((a, b) => b.lines - a.lines || a.code.localeCompare(b.code)),
  refused: Object.fromEntries([...tally.refused].sort(([a], [b]) => a.localeCompare(b))),
  malformed: tally.malformed,
});
