import { type CheckRefusal, checkCode } from "../core/check.js";
import { err, ok, type Result } from "../core/result.js";
import type { RuleSet } from "../core/rule-set.js";
import * as z from "../core/zod.js";
import { refusalProblem } from "../http/problem.js";
import { type ProblemKind, problemType } from "../http/problem-types.js";
import { type CheckRequestBody, checkRequestSchema } from "../http/request-schemas.js";
import { patientOf } from "../lambda/api/select-route.js";
import { guarded } from "../rule-files/rule-csv.js";

/*
 * One claim line of a CSV file to one report row, with no I/O: `check-claims` streams a file
 * through it, and the bench runs the same rows in process.
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
] as const;
type ClaimColumn = (typeof CLAIM_COLUMNS)[number];

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

/** The layout of a claims file from its header, or why the file cannot be checked at all. */
export const claimLayout = (header: readonly string[]): Result<ClaimLayout, string> => {
  const names = header.map((name) => name.trim());
  const known: ReadonlySet<string> = new Set(CLAIM_COLUMNS);
  const twice = names.findIndex((name, index) => names.indexOf(name) !== index);
  // A file without its header has a claim line here: only our own column names are quoted, never
  // a cell that may be a date of birth.
  if (twice >= 0)
    return err(
      known.has(names[twice] ?? "")
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
  const carried = names.flatMap((name, index) => (known.has(name) ? [] : [index]));
  // A carried column named like a report column keeps its cells under a name that cannot clash.
  const carriedNames = carried.map((index) => {
    const name = names[index] ?? "";
    return REPORT_OWN.has(name) ? `input:${name}` : name;
  });
  const reportHeader = [...REPORT_FIRST, ...carriedNames, ...REPORT_LAST];
  return ok({ width: names.length, at, carried, reportHeader });
};

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

/** A cell's text, trimmed; an empty cell is no value. */
const cell = (cells: Cells, index: number | undefined): string | undefined => {
  const text = index === undefined ? undefined : cells[index]?.trim();
  return text === "" ? undefined : text;
};

// A whole number is passed as a number; anything else is passed as written, so that the schema
// refuses it in its own words ("must be a whole number").
const numberOr = (text: string): number | string =>
  /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;

/** The /v1/check request body a claim line stands for. */
const requestBody = (layout: ClaimLayout, cells: Cells): Record<string, unknown> => {
  const value = (column: ClaimColumn) => cell(cells, layout.at[column]);
  const age = value("age");
  const weeks = value("gestationalAgeWeeks");
  const days = value("gestationalAgeDays");
  return {
    code: value("code"),
    procedure: value("procedure"),
    dateOfService: value("dateOfService"),
    dateOfBirth: value("dateOfBirth"),
    age: age === undefined ? undefined : { value: numberOr(age), unit: value("ageUnit") },
    // Weeks alone are completed weeks and no days (32 is 32+0); days alone say nothing.
    gestationalAgeAtBirth:
      weeks === undefined && days === undefined
        ? undefined
        : { weeks: weeks === undefined ? undefined : numberOr(weeks), days: numberOr(days ?? "0") },
  };
};

/** The API's field names as the columns of a claims file name them. */
const COLUMN_OF: Readonly<Record<string, string>> = {
  "age.value": "age",
  "age.unit": "ageUnit",
  "gestationalAgeAtBirth.weeks": "gestationalAgeWeeks",
  "gestationalAgeAtBirth.days": "gestationalAgeDays",
};

const issueText = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.map(String).join(".");
  const field = COLUMN_OF[path] ?? path;
  return issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`;
};

// The schema /v1/check parses with, compiled ahead of time as the API's batch route does: a file
// is millions of lines. A refusal is read again with the regular parser for its own messages.
const compiledCheck = z.compile(checkRequestSchema);

/** Why a line cannot be read, in the claims file's column names; undefined when it can. */
const malformation = (layout: ClaimLayout, cells: Cells): string | undefined => {
  if (cells.length !== layout.width)
    return `the line has ${cells.length} field(s), the header ${layout.width}`;
  // The API takes today for a missing date of service; an audit must be reproducible.
  if (cell(cells, layout.at.dateOfService) === undefined)
    return "dateOfService: is required on every claim line";
  if (cell(cells, layout.at.age) === undefined && cell(cells, layout.at.ageUnit) !== undefined)
    return "ageUnit: is given without an age";
  return undefined;
};

type Parsed = Result<CheckRequestBody, string>;

const parseLine = (layout: ClaimLayout, cells: Cells): Parsed => {
  const malformed = malformation(layout, cells);
  if (malformed !== undefined) return err(malformed);
  const body = requestBody(layout, cells);
  const parsed = compiledCheck.safeParse(body);
  if (parsed.success) return ok(parsed.data);
  const issues = checkRequestSchema.safeParse(body).error?.issues ?? [];
  return err(issues.map(issueText).join("; ") || "the line is not a check request");
};

/** The report row's own cells around the carried ones. */
const reportRow = (
  layout: ClaimLayout,
  cells: Cells,
  line: number,
  outcome: readonly [consistent: string, expected: string, problem: string, explanation: string],
): string[] => [
  String(line),
  cell(cells, layout.at.claimId) ?? "",
  ...layout.carried.map((index) => cells[index] ?? ""),
  cell(cells, layout.at.code) ?? "",
  ...outcome,
];

const refusedLine = (
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
 * Checks one claim line (its cells, in the header's order) against the rule set: the report row
 * and what the line came to. A line that cannot be read or checked is a row of its own.
 */
export const checkClaimLine = (
  ruleSet: RuleSet,
  layout: ClaimLayout,
  cells: Cells,
  line: number,
): CheckedLine => {
  const parsed = parseLine(layout, cells);
  if (!parsed.ok) return refusedLine(layout, cells, line, parsed.error);
  const request = parsed.value;
  const checked = checkCode(ruleSet, {
    code: request.code,
    procedure: request.procedure,
    // The date of service is on every line (malformation), so "today" is never taken.
    ...patientOf(request, ""),
  });
  if (!checked.ok) return refusedLine(layout, cells, line, checked.error);
  const { consistent, expected, explanation } = checked.value;
  const codes = expected.join(" ");
  return {
    row: reportRow(layout, cells, line, [String(consistent), codes, "", explanation]),
    verdict: consistent
      ? { kind: "consistent" }
      : { kind: "inconsistent", code: request.code, expected: codes },
  };
};

/**
 * A report row as written: a cell a spreadsheet would run as a formula is made text, as in the
 * rule CSV (rule-files/rule-csv.ts), since carried cells and explanations hold the input's text.
 */
export const writtenRow = (row: readonly string[]): string[] => row.map(guarded);
