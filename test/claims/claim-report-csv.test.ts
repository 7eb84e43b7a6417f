import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REPORT_BOM, reportRecord } from "../../claims/claim-report-csv.js";
import { FORMULA, guarded } from "../../rule-files/rule-csv.js";

/** The report as csv-stringify wrote it, over cells made text by `guarded`. */
const stringified = (rows: readonly string[][]): string =>
  stringify(
    rows.map((row) => row.map(guarded)),
    { bom: true, record_delimiter: "windows", quoted_match: FORMULA },
  );

// Cells made mostly of what quoting and formula guarding turn on.
const cellText = fc
  .array(
    fc.oneof(
      fc.constantFrom(",", '"', "\n", "\r", "\r\n", "=", "+", "-", "@", "\t", "'", " ", ";", "|"),
      fc.constantFrom("\uFF1D", "\uFF0B", "\uFF0D", "\uFF20", "é", "a", "33951", "2026-11-24"),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""));

describe("the report's CSV, written by hand", () => {
  it("is csv-stringify's, byte for byte, formulas made text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 1, maxLength: 6 }), { minLength: 1 }),
        (rows) => {
          expect(REPORT_BOM + rows.map(reportRecord).join("")).toBe(stringified(rows));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("makes a formula text and quotes it, and leaves a plain cell bare", () => {
    expect(reportRecord(['=HYPERLINK("x")', "a,b", "acme", ""])).toBe(
      `"'=HYPERLINK(""x"")","a,b",acme,\r\n`,
    );
  });
});
