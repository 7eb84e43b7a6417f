import { FORMULA } from "../rule-files/rule-csv.js";

/*
 * The report's CSV text, written by hand: what csv-stringify wrote, byte for byte, with the
 * options the rule CSV uses (RFC 4180, CRLF, a byte-order mark, cells that match FORMULA quoted)
 * over cells made text by `guarded` (rule-files/rule-csv.ts), since carried cells and explanations
 * hold the input's text. csv-stringify made objects for every cell, a third of the command's time;
 * test/claims/claim-report-csv.test.ts holds the two to the same bytes.
 */

/** The byte-order mark the report starts with: spreadsheets then open it with accents intact. */
export const REPORT_BOM = "\uFEFF";

// The report's record delimiter is CRLF, and a cell is quoted for it whole: csv-stringify wrote a
// lone line break in a carried cell unquoted, and the report's bytes stay as they were.
const NEEDS_QUOTES = /[",]|\r\n/;

/**
 * One cell as written. A cell a spreadsheet would run as a formula gets an apostrophe in front,
 * and is then quoted, as csv-stringify quotes every cell that matches FORMULA; a cell with a
 * comma, a quote or a CRLF is quoted with its quotes doubled.
 */
export const reportCell = (value: string): string => {
  if (FORMULA.test(value)) return `"'${value.replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
};

/**
 * One row of the report, with its line break, as one flat string: a row built by `+=` is a rope
 * of a node per piece, and rows waiting to be written are what survives a garbage collection.
 */
export const reportRecord = (cells: readonly string[]): string =>
  `${cells.map(reportCell).join(",")}\r\n`;
