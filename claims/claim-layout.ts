import { err, ok, type Result } from "../core/result.js";

/*
 * Where each column of a claims file is, and the report's header: read from a CSV file's header
 * line, or from the first object of an NDJSON file.
 */

/** The input columns code-rules reads; every other column is carried through to the report. */
export const CLAIM_COLUMNS = [
  "claimId",
  "code",
  "procedure",
  "dateOfService",
  "dateOfBirth",
  "age",
  "ageUnit",
  "gestationalAgeWeeks",
  "gestationalAgeDays",
  "weightGrams",
  "payer",
] as const;
export type ClaimColumn = (typeof CLAIM_COLUMNS)[number];

const KNOWN: ReadonlySet<string> = new Set(CLAIM_COLUMNS);
const REPORT_FIRST = ["line", "claimId"] as const;
const REPORT_LAST = ["code", "consistent", "expected", "problemType", "explanation"] as const;
const REPORT_OWN: ReadonlySet<string> = new Set([...REPORT_FIRST, ...REPORT_LAST]);

/** Where each column of a claims file is, and the report's header. */
export interface ClaimLayout {
  readonly width: number;
  readonly at: Readonly<Partial<Record<ClaimColumn, number>>>;
  /** The positions of the columns carried through, in the file's order. */
  readonly carried: readonly number[];
  readonly reportHeader: readonly string[];
}

// A carried column named like a report column keeps its cells under a name that cannot clash.
const reportHeaderOf = (carriedNames: readonly string[]): string[] => [
  ...REPORT_FIRST,
  ...carriedNames.map((name) => (REPORT_OWN.has(name) ? `input:${name}` : name)),
  ...REPORT_LAST,
];

/** The layout of a CSV claims file from its header, or why the file cannot be checked at all. */
export const claimLayout = (header: readonly string[]): Result<ClaimLayout, string> => {
  const names = header.map((name) => name.trim());
  const twice = names.findIndex((name, index) => names.indexOf(name) !== index);
  // A file without its header has a claim line here: only our own column names are quoted, never
  // a cell that may be a date of birth.
  if (twice >= 0)
    return err(
      KNOWN.has(names[twice] ?? "")
        ? `the column ${JSON.stringify(names[twice])} is named twice`
        : `two columns have the same name (columns ${names.indexOf(names[twice] ?? "") + 1} and ${twice + 1}): is the header line missing?`,
    );
  const at: Partial<Record<ClaimColumn, number>> = {};
  for (const column of CLAIM_COLUMNS) {
    const index = names.indexOf(column);
    if (index >= 0) at[column] = index;
  }
  const missing = ["code", "dateOfService"].filter((column) => !names.includes(column));
  if (at.dateOfBirth === undefined && at.age === undefined) missing.push("dateOfBirth or age");
  if (missing.length > 0) return err(`the header has no column ${missing.join(", no ")}`);
  const carried = names.flatMap((name, index) => (KNOWN.has(name) ? [] : [index]));
  const reportHeader = reportHeaderOf(carried.map((index) => names[index] ?? ""));
  return ok({ width: names.length, at, carried, reportHeader });
};

/**
 * The layout of an NDJSON claims file, whose lines are turned into cells in this order: every
 * column code-rules reads (a line may leave any out), then the fields carried through, which are
 * those of the file's first object that code-rules does not read, in that object's order.
 */
export const ndjsonLayout = (carriedNames: readonly string[]): ClaimLayout => {
  const at: Partial<Record<ClaimColumn, number>> = {};
  CLAIM_COLUMNS.forEach((column, index) => {
    at[column] = index;
  });
  return {
    width: CLAIM_COLUMNS.length + carriedNames.length,
    at,
    carried: carriedNames.map((_name, index) => CLAIM_COLUMNS.length + index),
    reportHeader: reportHeaderOf(carriedNames),
  };
};

/** Whether code-rules reads a column of this name (else it is carried through). */
export const isClaimColumn = (name: string): name is ClaimColumn => KNOWN.has(name);
