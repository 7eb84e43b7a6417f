import { AGE_UNITS, type AgeUnit } from "../core/age.js";
import { ISO_DATE_PATTERN } from "../core/calendar-date.js";
import { BILLING_CODE_PATTERN } from "../core/code.js";
import { GESTATION_WEEKS } from "../core/gestation.js";
import { err, ok, type Result } from "../core/result.js";
import { MAX_WEIGHT_GRAMS } from "../core/weight.js";
import type * as z from "../core/zod.js";
import { type CheckRequestBody, checkRequestSchema } from "../http/request-schemas.js";
import type { ClaimColumn, ClaimLayout } from "./claim-layout.js";

/*
 * The /v1/check request a claim line stands for, held to the API's own schema, or why the line
 * cannot be read, in the claims file's column names.
 */

type Cells = readonly string[];

/** A cell's text, trimmed; an empty cell is no value. */
export const cell = (cells: Cells, index: number | undefined): string | undefined => {
  const text = index === undefined ? undefined : cells[index]?.trim();
  return text === "" ? undefined : text;
};

// A whole number is passed as a number; anything else is passed as written, so that the schema
// refuses it in its own words ("must be a whole number").
const numberOr = (text: string): number | string =>
  /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;

/** The /v1/check request body a claim line stands for, before the schema has seen it. */
export const requestBody = (layout: ClaimLayout, cells: Cells): Record<string, unknown> => {
  const value = (column: ClaimColumn) => cell(cells, layout.at[column]);
  const age = value("age");
  const weeks = value("gestationalAgeWeeks");
  const days = value("gestationalAgeDays");
  const weight = value("weightGrams");
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
    weightGrams: weight === undefined ? undefined : numberOr(weight),
    payer: value("payer"),
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

// Up to 15 digits is a safe integer, as the schema's z.int() asks; anything else goes to the schema.
const WHOLE = /^\d{1,15}$/;
const UNITS: ReadonlySet<string> = new Set(AGE_UNITS);
const PROCEDURE_MAX = 200;
const PAYER_MAX = 120;

const plainWeight = (text: string): number | undefined => {
  const grams = WHOLE.test(text) ? Number(text) : 0;
  return grams >= 1 && grams <= MAX_WEIGHT_GRAMS ? grams : undefined;
};

const plainGestation = (weeks: string | undefined, days: string | undefined) => {
  if (weeks === undefined || !WHOLE.test(weeks) || !WHOLE.test(days ?? "0")) return undefined;
  const given = { weeks: Number(weeks), days: Number(days ?? "0") };
  const inRange =
    given.weeks >= GESTATION_WEEKS.min && given.weeks <= GESTATION_WEEKS.max && given.days <= 6;
  return inRange ? given : undefined;
};

/**
 * The request of a line that is plainly valid, as the schema would parse it, without the schema:
 * its parse costs several times this path, and nearly every line of a claims file is valid.
 * Undefined when the line is anything else; the schema then decides, in its own words. A test
 * holds the two to the same request for every line this path takes.
 */
export const plainRequest = (layout: ClaimLayout, cells: Cells): CheckRequestBody | undefined => {
  const value = (column: ClaimColumn) => cell(cells, layout.at[column]);
  const code = value("code");
  const procedure = value("procedure");
  const dateOfService = value("dateOfService");
  const dateOfBirth = value("dateOfBirth");
  const age = value("age");
  if (code === undefined || !BILLING_CODE_PATTERN.test(code)) return undefined;
  if (procedure !== undefined && procedure.length > PROCEDURE_MAX) return undefined;
  if (dateOfService === undefined || !ISO_DATE_PATTERN.test(dateOfService)) return undefined;
  // Exactly one of the two, as the schema asks.
  if ((dateOfBirth === undefined) === (age === undefined)) return undefined;
  if (dateOfBirth !== undefined && !ISO_DATE_PATTERN.test(dateOfBirth)) return undefined;
  const unit = value("ageUnit");
  if (age === undefined ? unit !== undefined : !WHOLE.test(age) || !UNITS.has(unit ?? ""))
    return undefined;
  const weeks = value("gestationalAgeWeeks");
  const days = value("gestationalAgeDays");
  const gestationalAgeAtBirth =
    weeks === undefined && days === undefined ? undefined : plainGestation(weeks, days);
  if ((weeks !== undefined || days !== undefined) && gestationalAgeAtBirth === undefined)
    return undefined;
  const weight = value("weightGrams");
  const weightGrams = weight === undefined ? undefined : plainWeight(weight);
  if (weight !== undefined && weightGrams === undefined) return undefined;
  const payer = value("payer");
  if (payer !== undefined && payer.length > PAYER_MAX) return undefined;
  return {
    code,
    procedure,
    dateOfService,
    dateOfBirth,
    age: age === undefined ? undefined : { value: Number(age), unit: unit as AgeUnit },
    gestationalAgeAtBirth,
    weightGrams,
    payer,
  };
};

/** The check request a claim line stands for, or why it cannot be read. */
export const claimRequest = (
  layout: ClaimLayout,
  cells: Cells,
): Result<CheckRequestBody, string> => {
  const malformed = malformation(layout, cells);
  if (malformed !== undefined) return err(malformed);
  const plain = plainRequest(layout, cells);
  if (plain) return ok(plain);
  // What the plain path leaves is nearly always a line the schema refuses: its regular parser says
  // why in one go, where zod's compiled one would fail first and then parse again for the words.
  const parsed = checkRequestSchema.safeParse(requestBody(layout, cells));
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map(issueText).join("; ") || "the line is not a check request");
};
