import type { CheckRefusal } from "../core/check.js";
import { refusalProblem } from "../http/problem.js";
import { type ProblemKind, problemType } from "../http/problem-types.js";
import type { ClaimCheck } from "./claim-check.js";
import type { ClaimLayout } from "./claim-layout.js";
import { cell, claimRequest } from "./claim-request.js";

/*
 * One claim line (its cells, in the layout's order) to one report row, with no I/O:
 * `check-claims` streams a file through it, and the bulk-check function runs each batch of a
 * Step Functions audit through it, so both reports have the same rows.
 */

/** What a line came to, for the summary. */
export type Verdict =
  | { readonly kind: "consistent" }
  | { readonly kind: "inconsistent"; readonly code: string; readonly expected: string }
  | {
      readonly kind: "refused";
      readonly reason: ProblemKind;
      /** The line cannot be read (the API would answer 400), as opposed to refused by the rules. */
      readonly malformed: boolean;
    };

export interface CheckedLine {
  readonly row: readonly string[];
  readonly verdict: Verdict;
}

type Cells = readonly string[];

const CONSISTENT: Verdict = { kind: "consistent" };

/** The report row's own cells around the carried ones; pushed one by one, as it runs per line. */
const reportRow = (
  layout: ClaimLayout,
  cells: Cells,
  line: number,
  outcome: readonly [consistent: string, expected: string, problem: string, explanation: string],
): string[] => {
  const row = [String(line), cell(cells, layout.at.claimId) ?? ""];
  for (const index of layout.carried) row.push(cells[index] ?? "");
  row.push(cell(cells, layout.at.code) ?? "", ...outcome);
  return row;
};

/**
 * The row of a line that is not checked: one that cannot be read (`refusal` says why, in the
 * file's words) or one the rules refuse.
 */
export const refusedLine = (
  layout: ClaimLayout,
  cells: Cells,
  line: number,
  refusal: CheckRefusal | string,
): CheckedLine => {
  const problem =
    typeof refusal === "string"
      ? { type: problemType("invalid-request"), detail: refusal, status: 400 }
      : refusalProblem(refusal);
  const reason = problem.type.replace("urn:code-rules:problem:", "") as ProblemKind;
  return {
    row: reportRow(layout, cells, line, ["", "", problem.type, problem.detail]),
    verdict: { kind: "refused", reason, malformed: problem.status === 400 },
  };
};

/**
 * Checks one claim line with `check` (one rule set's, see claim-check.ts): the report row and what
 * the line came to. A line that cannot be read or checked is a row of its own.
 */
export const checkClaimLine = (
  check: ClaimCheck,
  layout: ClaimLayout,
  cells: Cells,
  line: number,
): CheckedLine => {
  const parsed = claimRequest(layout, cells);
  if (!parsed.ok) return refusedLine(layout, cells, line, parsed.error);
  const request = parsed.value;
  const checked = check(request);
  if (!checked.ok) return refusedLine(layout, cells, line, checked.error);
  const { consistent, expected, explanation } = checked.value;
  const codes = expected.join(" ");
  return {
    row: reportRow(layout, cells, line, [String(consistent), codes, "", explanation]),
    verdict: consistent
      ? CONSISTENT
      : { kind: "inconsistent", code: request.code, expected: codes },
  };
};
