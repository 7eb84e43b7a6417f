import type { ClaimCheck } from "../claims/claim-check.js";
import { type ClaimLayout, claimLayout } from "../claims/claim-layout.js";
import { reportRecord } from "../claims/claim-report-csv.js";
import { checkClaimLine } from "../claims/claim-rows.js";
import { type ClaimsCounts, count, countsOf, newTally } from "../claims/claims-tally.js";
import type { BatchItem } from "./batch-event.js";
import { batchRefused } from "./bulk-error.js";

/*
 * One batch of a claims file's rows to its part of the report, in memory: each row checked as
 * `check-claims` checks a line (claims/claim-rows.ts), written as its report writes it.
 */

/**
 * The line a row is on when no cell spans lines and no line is blank: the header is line 1. Step
 * Functions numbers rows, not lines; the CLI says the line, and the two agree on such files.
 */
const LINE_OF_FIRST_ROW = 2;

// A spreadsheet's UTF-8 CSV starts with a byte-order mark, which the CLI's reader drops and Step
// Functions' may leave on the first column's name.
const BOM = /^\uFEFF/;

export interface BatchReport {
  readonly ruleVersion: number;
  /** The report's header, as the CLI writes it on its first line: the same for every batch. */
  readonly header: readonly string[];
  /** The batch's first line: batches are written to S3 in no particular order. */
  readonly firstLine: number;
  /** The batch's report rows, byte for byte as the CLI writes them: CSV records, each ending CRLF. */
  readonly rows: string;
  readonly counts: ClaimsCounts;
}

/**
 * The layout of the file's header, which every row of it is keyed by: Step Functions gives each
 * row every column of the header, in order (a short row gets empty cells, a long one loses the
 * extra), so the first row of any batch names them all.
 */
const layoutOf = (columns: readonly string[]): ClaimLayout => {
  const read = claimLayout(columns.map((name, at) => (at === 0 ? name.replace(BOM, "") : name)));
  if (!read.ok) throw batchRefused(`the claims file cannot be checked: ${read.error}`);
  return read.value;
};

/** Checks every row of the batch against `check`, one rule version's, with no I/O. */
export const checkBatch = (
  check: ClaimCheck,
  ruleVersion: number,
  items: readonly BatchItem[],
): BatchReport => {
  const tally = newTally();
  const [first] = items;
  if (!first) return { ruleVersion, header: [], firstLine: 0, rows: "", counts: countsOf(tally) };
  const columns = Object.keys(first.row);
  const layout = layoutOf(columns);
  const records = items.map(({ index, row }) => {
    const cells = columns.map((column) => row[column] ?? "");
    const checked = checkClaimLine(check, layout, cells, index + LINE_OF_FIRST_ROW);
    count(tally, checked.verdict);
    return reportRecord(checked.row);
  });
  return {
    ruleVersion,
    header: layout.reportHeader,
    firstLine: first.index + LINE_OF_FIRST_ROW,
    rows: records.join(""),
    counts: countsOf(tally),
  };
};
