import { AGE_UNITS } from "../core/age.js";
import { ISO_DATE_PATTERN } from "../core/calendar-date.js";
import { BILLING_CODE_PATTERN, BILLING_CODE_RULE } from "../core/code.js";
import { GESTATION_WEEKS } from "../core/gestation.js";
import { MAX_WEIGHT_GRAMS } from "../core/weight.js";
import * as z from "../core/zod.js";

/** The most items one batch may carry. */
export const MAX_BATCH_ITEMS = 100;

/** The largest body the API reads; API Gateway would pass up to 10 MB. */
export const MAX_BODY_BYTES = 256 * 1024;

// The form only: whether the date is a day of the calendar (2026-02-30 is not) is the core's to
// say, as it parses the date to select, with the same 400 naming the field.
const isoDate = (field: string, example: string) =>
  z
    .string()
    .check(z.regex(ISO_DATE_PATTERN, { error: `${field} must be a date written YYYY-MM-DD` }))
    .register(z.globalRegistry, {
      description: "A calendar date, YYYY-MM-DD, no time zone",
      examples: [example],
    });

const givenAgeSchema = z
  .strictObject({
    value: z.int().check(z.minimum(0)),
    unit: z.enum(AGE_UNITS),
  })
  .register(z.globalRegistry, {
    description: "A completed age: every date of birth with this age on the date of service",
    examples: [{ value: 4, unit: "years" }],
  });

const gestationalAgeSchema = z
  .strictObject({
    weeks: z.int().check(z.minimum(GESTATION_WEEKS.min), z.maximum(GESTATION_WEEKS.max)),
    days: z.int().check(z.minimum(0), z.maximum(6)),
  })
  .register(z.globalRegistry, {
    description:
      "Gestational age at birth in completed weeks and days (32+4 is { weeks: 32, days: 4 }). It decides only for procedures whose rules count age from conception (inguinal hernia repair in infants); without it the answer must hold for every gestational age from 22+0 to 44+6, or the 422 names it in `decidingInputs`",
    examples: [{ weeks: 32, days: 4 }],
  });

const weightGramsSchema = z
  .int()
  .check(z.minimum(1), z.maximum(MAX_WEIGHT_GRAMS))
  .register(z.globalRegistry, {
    description:
      "Present body weight on the date of service, in whole grams. It decides only for procedures whose rules are limited by weight (neonatal intensive care on the subsequent days); where it decides and is left out the 422 names it in `decidingInputs`",
    examples: [1400],
  });

const payerSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(120))
  .register(z.globalRegistry, {
    description:
      "The payer program of the claim, one the rules declare (`medicare`, ...). It decides only for procedures whose rules are limited to some programs (moderate sedation by the endoscopist); where it decides and is left out the 422 names it in `decidingInputs`; a program the rules do not declare is 400, listing those they do",
    examples: ["medicare"],
  });

const procedureKey = z
  .string()
  .check(z.minLength(1), z.maxLength(200))
  .register(z.globalRegistry, { examples: ["ecmo-cannula-insertion-percutaneous"] });

/** The patient's age on the date of service, and the rule version to answer from. */
const patientFields = {
  dateOfService: z.optional(isoDate("dateOfService", "2026-11-24")).register(z.globalRegistry, {
    description: "May be left out only with `age`; then today's date in UTC",
  }),
  // With dateOfService's example, a 4-year-old: the fields' examples make a request that reads true.
  dateOfBirth: z.optional(isoDate("dateOfBirth", "2022-03-14")),
  age: z.optional(givenAgeSchema),
  gestationalAgeAtBirth: z.optional(gestationalAgeSchema),
  weightGrams: z.optional(weightGramsSchema),
  payer: z.optional(payerSchema),
  ruleVersion: z
    .optional(z.int().check(z.minimum(1)))
    .register(z.globalRegistry, { description: "Pins a published rule version" }),
};

interface PatientFields {
  readonly dateOfService?: string | undefined;
  readonly dateOfBirth?: string | undefined;
  readonly age?: unknown;
}

const dateOfBirthOrAge = z.superRefine((request: PatientFields, context) => {
  if ((request.dateOfBirth === undefined) === (request.age === undefined)) {
    context.addIssue({
      code: "custom",
      path: ["dateOfBirth"],
      message: "give exactly one of dateOfBirth or age",
    });
  }
  if (request.dateOfBirth !== undefined && request.dateOfService === undefined) {
    context.addIssue({
      code: "custom",
      path: ["dateOfService"],
      message: "dateOfService is required with dateOfBirth",
    });
  }
});

/**
 * The check above as the contract states it: `oneOf` two variants of the object, each requiring its
 * fields and without the other's (http/openapi.ts builds them; a test holds the two to agree).
 */
const DATE_OF_BIRTH_OR_AGE: readonly RequestVariant[] = [
  { title: "By date of birth", required: ["dateOfBirth", "dateOfService"], absent: ["age"] },
  { title: "By age", required: ["age"], absent: ["dateOfBirth"] },
];

export interface RequestVariant {
  readonly title: string;
  readonly required: readonly string[];
  readonly absent: readonly string[];
}

export const selectRequestSchema = z
  .strictObject({ procedure: procedureKey, ...patientFields })
  .check(dateOfBirthOrAge)
  .register(z.globalRegistry, { id: "SelectRequest", variants: DATE_OF_BIRTH_OR_AGE });

export type SelectRequestBody = z.infer<typeof selectRequestSchema>;

export const checkRequestSchema = z
  .strictObject({
    code: z
      .string()
      .check(z.regex(BILLING_CODE_PATTERN, { error: `code must be ${BILLING_CODE_RULE}` }))
      .register(z.globalRegistry, { description: "The billed code", examples: ["33952"] }),
    procedure: z.optional(procedureKey).register(z.globalRegistry, {
      description: "Left out, every procedure the code belongs to answers",
    }),
    ...patientFields,
  })
  .check(dateOfBirthOrAge)
  .register(z.globalRegistry, { id: "CheckRequest", variants: DATE_OF_BIRTH_OR_AGE });

export type CheckRequestBody = z.infer<typeof checkRequestSchema>;

// The route parses each item on its own, so that one bad item never fails the others; the contract
// types the items as the request they carry.
const batchOf = (item: string, id: string) =>
  z
    .strictObject({
      items: z
        .array(z.unknown().register(z.globalRegistry, { $ref: `#/components/schemas/${item}` }))
        .check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)),
    })
    .register(z.globalRegistry, {
      id,
      description: `Up to ${MAX_BATCH_ITEMS} ${item} items; each answers on its own`,
    });

export const batchRequestSchema = batchOf("SelectRequest", "BatchRequest");

export const checkBatchRequestSchema = batchOf("CheckRequest", "CheckBatchRequest");
