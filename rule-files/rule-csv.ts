import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { AGE_UNITS } from "../core/age.js";
import type { GestationBound, GestationRange } from "../core/gestation.js";
import { err, ok, type Result } from "../core/result.js";
import type { Procedure, Rule } from "../core/rule-set.js";
import { inFileOrder, type RuleFileContent } from "./file-order.js";
import {
  describePayers,
  describeWeight,
  listOf,
  readPayerLimit,
  readWeight,
} from "./limit-cells.js";
import type { ReadRuleFiles } from "./read-rule-files-result.js";

/**
 * Rules as a spreadsheet: one row per rule, RFC 4180 (CRLF, fields quoted where they hold a
 * comma, a quote or a line break), UTF-8 with a byte-order mark so that spreadsheets read it as
 * UTF-8. A procedure's own fields repeat on each of its rules' rows and must agree.
 */
const COLUMNS = [
  "procedure",
  "procedure_name",
  "rule_id",
  "code",
  "text",
  "lower",
  "lower_unit",
  "lower_inclusive",
  "upper",
  "upper_unit",
  "upper_inclusive",
  "gestational_age_at_birth",
  "post_conception_age",
  "weight_grams",
  "payers",
  "effective_from",
  "effective_to",
  "source",
  "notes",
  "procedure_notes",
  "coverage_starts_at",
  "coverage_stops_at",
  "procedure_payers",
  "retired_from",
  "retired_reason",
  "base_version",
] as const;

type Column = (typeof COLUMNS)[number];

/** Columns a file may leave out; every other one must be there, even where its cells are empty. */
const OPTIONAL_COLUMNS: ReadonlySet<Column> = new Set([
  "gestational_age_at_birth",
  "post_conception_age",
  "weight_grams",
  "payers",
  "procedure_payers",
  "retired_from",
  "retired_reason",
  "notes",
  "procedure_notes",
  "coverage_starts_at",
  "coverage_stops_at",
  "base_version",
]);

type Row = Partial<Record<Column, string>>;

// A spreadsheet runs a cell as a formula when its first non-blank character is one of these
// (full-width forms included: some spreadsheets fold them), and a spreadsheet that splits cells
// at a `;`, `|` or tab (its own separator, not this file's comma) starts a cell after each. Rule
// text is hostile, so a cell with a formula at its start or after any separator is written
// quoted, so that no separator splits it, with an apostrophe in front, which makes it text.
// Apostrophes at the start are skipped when looking, so a value that starts with apostrophes and
// then a formula gets one more, and reading back strips exactly one.
export const FORMULA = /(?:^'*|[,;|\t\r\n])\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export const guarded = (value: string): string => (FORMULA.test(value) ? `'${value}` : value);

const unguarded = (value: string): string =>
  value.startsWith("'") && FORMULA.test(value) ? value.slice(1) : value;

/** The rule set as CSV text, in file order; `baseVersion` on every row. */
export const ruleCsvText = (content: RuleFileContent, baseVersion?: number): string => {
  const { procedures, rules } = inFileOrder(content);
  const byKey = new Map(procedures.map((p) => [p.key, p]));
  return stringify(
    rules.map((rule) => {
      const row = rowOf(rule, byKey.get(rule.procedure), baseVersion);
      return COLUMNS.map((column) => guarded(row[column] ?? ""));
    }),
    {
      header: true,
      columns: [...COLUMNS],
      bom: true,
      record_delimiter: "windows",
      quote_record_delimiter: true,
      quoted_match: FORMULA,
    },
  );
};

/** A range of age from conception in one cell: ">= 37 weeks", "< 37 weeks", "> 50 weeks and <= 60 weeks". */
const describeRange = (range: GestationRange | undefined): string | undefined =>
  range &&
  [
    range.lower && `${range.lower.inclusive ? ">=" : ">"} ${range.lower.value} ${range.lower.unit}`,
    range.upper && `${range.upper.inclusive ? "<=" : "<"} ${range.upper.value} ${range.upper.unit}`,
  ]
    .filter((part) => part !== undefined)
    .join(" and ");

const describeAge = (age: { value: number; unit: string } | undefined): string | undefined =>
  age && `${age.value} ${age.unit}`;

/** A procedure's own columns, which repeat on each of its rules' rows. */
const procedureCells = (procedure: Procedure | undefined) => ({
  procedure_name: procedure?.name,
  procedure_notes: procedure?.notes,
  coverage_starts_at: describeAge(procedure?.coverage?.startsAt),
  coverage_stops_at: describeAge(procedure?.coverage?.stopsAt),
  procedure_payers: procedure?.payers?.join("; "),
  retired_from: procedure?.retired?.from,
  retired_reason: procedure?.retired?.reason,
});

const rowOf = (rule: Rule, procedure: Procedure | undefined, baseVersion?: number): Row => ({
  ...procedureCells(procedure),
  procedure: rule.procedure,
  rule_id: rule.id,
  code: rule.code,
  text: rule.text,
  lower: String(rule.band.lower.value),
  lower_unit: rule.band.lower.unit,
  lower_inclusive: String(rule.band.lower.inclusive),
  upper: rule.band.upper && String(rule.band.upper.value),
  upper_unit: rule.band.upper?.unit,
  upper_inclusive: rule.band.upper && String(rule.band.upper.inclusive),
  gestational_age_at_birth: describeRange(rule.gestationalAgeAtBirth),
  post_conception_age: describeRange(rule.postConceptionAge),
  weight_grams: describeWeight(rule.weightGrams),
  payers: describePayers(rule.payers),
  effective_from: rule.effective.from,
  effective_to: rule.effective.to,
  source: rule.source,
  notes: rule.notes,
  base_version: baseVersion === undefined ? undefined : String(baseVersion),
});

/**
 * Reads a CSV of rules back into a rule set, not yet validated. Refuses what is not a rule sheet
 * (a missing or unknown column, a bad number, unit or true/false, a procedure described two ways)
 * naming each row and column, as a spreadsheet numbers them: the header is row 1.
 */
export const readRuleCsv = (file: string, text: string): Result<ReadRuleFiles, string> => {
  let records: string[][];
  try {
    // Rows of the wrong length are named below, by row, rather than by the parser's line.
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    return err(`${file}: not valid CSV (${(error as Error).message})`);
  }
  const [header = [], ...body] = records;
  const columns = header.map((name) => name.trim());
  const missing = COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c) && !columns.includes(c));
  const unknown = columns.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  if (missing.length > 0) return err(`${file}: row 1: missing column(s) ${missing.join(", ")}`);
  if (unknown.length > 0) return err(`${file}: row 1: unknown column(s) ${unknown.join(", ")}`);
  const sheet = new Sheet(file);
  for (const [index, cells] of body.entries()) {
    const row = index + 2;
    if (cells.length === columns.length)
      sheet.read(
        row,
        Object.fromEntries(columns.map((column, at) => [column, unguarded(cells[at] ?? "")])),
      );
    else
      sheet.refuse(
        `row ${row}: ${cells.length} cells under ${columns.length} columns; a cell that holds a comma must be quoted`,
      );
  }
  return sheet.result();
};

const WHOLE = /^\d+$/;
const GESTATION_BOUND = /^(>=|>|<=|<)\s*(\d+)\s+(days|weeks)$/;
const AGE = /^(\d+)\s+(days|months|years)$/;
/** Reads rows one by one, keeping every problem with its row and column. */
class Sheet {
  private readonly problems: string[] = [];
  private readonly procedures = new Map<string, { row: number; procedure: Procedure }>();
  private readonly rules: unknown[] = [];
  private baseVersion: { row: number; value: number } | undefined;

  constructor(private readonly file: string) {}

  refuse(problem: string): void {
    this.problems.push(problem);
  }

  read(row: number, cells: Row): void {
    // Text is taken as it stands, so that a round trip keeps it; numbers, units and true/false
    // are read past stray spaces.
    const cell = (column: Column): string | undefined => {
      const value = cells[column];
      return value === "" ? undefined : value;
    };
    const term = (column: Column): string | undefined =>
      cell(column)?.trim().toLowerCase() || undefined;
    const problem = (column: Column, message: string) => {
      this.problems.push(`row ${row}, column ${column}: ${message}`);
    };
    const whole = (column: Column): number | undefined => {
      const value = term(column);
      if (value === undefined) return undefined;
      if (WHOLE.test(value)) return Number(value);
      problem(column, `${JSON.stringify(value)} is not a whole number`);
      return undefined;
    };
    const unit = (column: Column): string | undefined => {
      const value = term(column);
      if (value === undefined || (AGE_UNITS as readonly string[]).includes(value)) return value;
      problem(column, `${JSON.stringify(cell(column))} is not a unit: days, months or years`);
      return undefined;
    };
    const yesNo = (column: Column): boolean | undefined => {
      const value = term(column);
      if (value === undefined) return undefined;
      if (value === "true" || value === "false") return value === "true";
      problem(column, `${JSON.stringify(cell(column))} is not true or false`);
      return undefined;
    };
    const age = (column: Column) => {
      const value = term(column);
      if (value === undefined) return undefined;
      const match = AGE.exec(value);
      if (match)
        return { value: Number(match[1]), unit: match[2] as Rule["band"]["lower"]["unit"] };
      problem(column, `${JSON.stringify(value)} is not an age such as "6 years"`);
      return undefined;
    };
    const bound = (edge: "lower" | "upper") => {
      const [value, unitOf, inclusive] = [edge, `${edge}_unit`, `${edge}_inclusive`] as const;
      const given = [value, unitOf, inclusive].filter((c) => term(c) !== undefined);
      if (edge === "upper" && given.length === 0) return undefined;
      for (const column of [value, unitOf, inclusive].filter((c) => term(c) === undefined))
        problem(column, `is empty; a bound needs ${value}, ${unitOf} and ${inclusive}`);
      return { value: whole(value), unit: unit(unitOf), inclusive: yesNo(inclusive) };
    };

    const gestation = (column: Column): GestationRange | undefined => {
      const value = term(column);
      if (value === undefined) return undefined;
      const range: { lower?: GestationBound; upper?: GestationBound } = {};
      for (const part of value.split(/\s+and\s+/)) {
        const match = GESTATION_BOUND.exec(part);
        const side = match?.[1]?.startsWith(">") ? "lower" : "upper";
        if (!match || range[side]) {
          problem(
            column,
            `${JSON.stringify(value)} is not a range such as "< 37 weeks" or ">= 37 weeks and <= 42 weeks"`,
          );
          return undefined;
        }
        const unit = match[3] as GestationBound["unit"];
        range[side] = {
          value: Number(match[2]),
          unit,
          inclusive: match[1]?.endsWith("=") === true,
        };
      }
      return range;
    };

    /** A cell read by one of limit-cells.ts's readers: its value, or its problem named. */
    const read = <T>(column: Column, reader: (value: string) => T | string): T | undefined => {
      const value = term(column);
      if (value === undefined) return undefined;
      const found = reader(value);
      if (typeof found !== "string") return found;
      problem(column, found);
      return undefined;
    };

    const key = cell("procedure") ?? "";
    const payers = term("procedure_payers");
    const retiredFrom = cell("retired_from")?.trim();
    const startsAt = age("coverage_starts_at");
    const stopsAt = age("coverage_stops_at");
    const procedure: Procedure = {
      key,
      name: cell("procedure_name") ?? "",
      ...((startsAt || stopsAt) && {
        coverage: { ...(startsAt && { startsAt }), ...(stopsAt && { stopsAt }) },
      }),
      ...(retiredFrom !== undefined && {
        retired: { from: retiredFrom, reason: cell("retired_reason") ?? "" },
      }),
      ...(payers !== undefined && { payers: listOf(payers) }),
      ...(cell("procedure_notes") !== undefined && { notes: cell("procedure_notes") }),
    };
    this.declare(row, procedure);
    const upper = bound("upper");
    const gestationalAgeAtBirth = gestation("gestational_age_at_birth");
    const postConceptionAge = gestation("post_conception_age");
    const weightGrams = read("weight_grams", readWeight);
    const payerLimits = read("payers", readPayerLimit);
    this.rules.push({
      id: cell("rule_id"),
      procedure: key,
      code: cell("code"),
      text: cell("text"),
      band: { lower: bound("lower"), ...(upper && { upper }) },
      ...(gestationalAgeAtBirth && { gestationalAgeAtBirth }),
      ...(postConceptionAge && { postConceptionAge }),
      ...(weightGrams && { weightGrams }),
      ...(payerLimits && { payers: payerLimits }),
      effective: {
        from: cell("effective_from"),
        ...(cell("effective_to") !== undefined && { to: cell("effective_to") }),
      },
      source: cell("source"),
      ...(cell("notes") !== undefined && { notes: cell("notes") }),
    });
    const base = whole("base_version");
    if (base === undefined) return;
    if (this.baseVersion && this.baseVersion.value !== base)
      problem(
        "base_version",
        `${base} disagrees with row ${this.baseVersion.row} (${this.baseVersion.value}); the rows come from one export`,
      );
    else this.baseVersion ??= { row, value: base };
  }

  /** The first row of a procedure declares it; its later rows must say the same. */
  private declare(row: number, procedure: Procedure): void {
    const first = this.procedures.get(procedure.key);
    if (!first) {
      this.procedures.set(procedure.key, { row, procedure });
      return;
    }
    const [was, is] = [procedureCells(first.procedure), procedureCells(procedure)];
    for (const [column, value] of Object.entries(is))
      if (was[column as keyof typeof was] !== value)
        this.problems.push(
          `row ${row}, column ${column}: ${JSON.stringify(value ?? "")} differs from row ${first.row} (${JSON.stringify(was[column as keyof typeof was] ?? "")}); every row of procedure ${procedure.key} must say the same`,
        );
  }

  result(): Result<ReadRuleFiles, string> {
    if (this.problems.length > 0) return err(`${this.file}: ${this.problems.join("; ")}`);
    return ok({
      content: {
        procedures: [...this.procedures.values()].map(({ procedure }) => procedure),
        rules: this.rules,
      },
      baseVersion: this.baseVersion?.value,
    });
  }
}
