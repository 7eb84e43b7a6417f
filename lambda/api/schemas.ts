import * as z from "zod";
import { AGE_UNITS } from "../core/age.js";
import { parseIsoDate } from "../core/calendar-date.js";

/** The most items one batch may carry. */
export const MAX_BATCH_ITEMS = 100;

const isoDate = (field: string) =>
  z
    .string()
    .max(10, { error: `${field} must be a date written YYYY-MM-DD` })
    .superRefine((value, context) => {
      const parsed = parseIsoDate(value, field);
      if (!parsed.ok) context.addIssue({ code: "custom", message: parsed.error.message });
    })
    .meta({
      description: "A calendar date, YYYY-MM-DD, no time zone",
      pattern: "^\\d{4}-\\d{2}-\\d{2}$",
      examples: ["2026-11-24"],
    });

export const givenAgeSchema = z
  .strictObject({
    value: z.number().int().min(0).max(1_000_000),
    unit: z.enum(AGE_UNITS),
  })
  .meta({
    description: "A completed age: every date of birth with this age on the date of service",
  });

export const selectRequestSchema = z
  .strictObject({
    procedure: z
      .string()
      .min(1)
      .max(200)
      .meta({ examples: ["ecmo-cannula-insertion-percutaneous"] }),
    dateOfService: isoDate("dateOfService")
      .optional()
      .meta({ description: "May be left out only with `age`; then today's date in UTC" }),
    dateOfBirth: isoDate("dateOfBirth").optional(),
    age: givenAgeSchema.optional(),
    ruleVersion: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: "Pins a published rule version" }),
  })
  .superRefine((request, context) => {
    const given = [request.dateOfBirth, request.age].filter((v) => v !== undefined).length;
    if (given !== 1) {
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
  })
  .meta({ id: "SelectRequest" });

export type SelectRequestBody = z.infer<typeof selectRequestSchema>;

export const batchRequestSchema = z
  .strictObject({ items: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS) })
  .meta({ id: "BatchRequest", description: `Up to ${MAX_BATCH_ITEMS} select requests` });

export const knownAgeSchema = z
  .object({ years: z.number().int(), months: z.number().int(), days: z.number().int() })
  .partial()
  .meta({
    description: "The parts of the age the input fixes: a given age in years fixes only years",
  });

export const selectionSchema = z
  .object({
    code: z.string(),
    text: z.string(),
    procedure: z.string(),
    dateOfService: z.string(),
    age: knownAgeSchema,
    band: z.string(),
    ruleId: z.string(),
    ruleVersion: z.number().int(),
    explanation: z.string(),
  })
  .meta({ id: "Selection" });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    decidingUnit: z.enum(AGE_UNITS).optional(),
    codes: z.array(z.string()).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export const batchResponseSchema = z
  .object({
    results: z.array(
      z.union([
        z.object({ status: z.literal(200), selection: selectionSchema }),
        z.object({ status: z.number().int().min(400).max(599), problem: problemSchema }),
      ]),
    ),
  })
  .meta({ id: "BatchResponse" });

const boundSchema = z.object({
  value: z.number().int(),
  unit: z.enum(AGE_UNITS),
  inclusive: z.boolean(),
});
const thresholdSchema = z.object({ value: z.number().int(), unit: z.enum(AGE_UNITS) });

export const proceduresResponseSchema = z
  .object({
    ruleVersion: z.number().int(),
    procedures: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        coverage: z
          .object({ startsAt: thresholdSchema.optional(), stopsAt: thresholdSchema.optional() })
          .optional(),
        notes: z.string().optional(),
        rules: z.array(
          z.object({
            ruleId: z.string(),
            code: z.string(),
            text: z.string(),
            band: z.object({
              label: z.string(),
              lower: boundSchema,
              upper: boundSchema.optional(),
            }),
            effective: z.object({ from: z.string(), to: z.string().optional() }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "Procedures" });

export const rulesInfoSchema = z
  .object({
    version: z.number().int(),
    publishedAt: z.string(),
    message: z.string(),
    actor: z.string(),
    ruleCount: z.number().int(),
  })
  .meta({ id: "RuleVersion" });

export const healthSchema = z
  .object({
    status: z.literal("ok"),
    ruleVersion: z.number().int().optional(),
    stale: z.boolean(),
  })
  .meta({ id: "Health" });
