import { AGE_UNITS } from "../core/age.js";
import { ISO_DATE_PATTERN } from "../core/calendar-date.js";
import { GESTATION_WEEKS } from "../core/gestation.js";
import * as z from "../core/zod.js";

/** The most items one batch may carry. */
export const MAX_BATCH_ITEMS = 100;

/** The largest body the API reads; API Gateway would pass up to 10 MB. */
export const MAX_BODY_BYTES = 256 * 1024;

// The form only: whether the date is a day of the calendar (2026-02-30 is not) is the core's to
// say, as it parses the date to select, with the same 400 naming the field.
const isoDate = (field: string) =>
  z
    .string()
    .check(z.regex(ISO_DATE_PATTERN, { error: `${field} must be a date written YYYY-MM-DD` }))
    .register(z.globalRegistry, {
      description: "A calendar date, YYYY-MM-DD, no time zone",
      examples: ["2026-11-24"],
    });

export const givenAgeSchema = z
  .strictObject({
    value: z.int().check(z.minimum(0)),
    unit: z.enum(AGE_UNITS),
  })
  .register(z.globalRegistry, {
    description: "A completed age: every date of birth with this age on the date of service",
  });

export const gestationalAgeSchema = z
  .strictObject({
    weeks: z.int().check(z.minimum(GESTATION_WEEKS.min), z.maximum(GESTATION_WEEKS.max)),
    days: z.int().check(z.minimum(0), z.maximum(6)),
  })
  .register(z.globalRegistry, {
    description:
      "Gestational age at birth in completed weeks and days (32+4 is { weeks: 32, days: 4 }). It decides only for procedures whose rules count age from conception (inguinal hernia repair in infants); without it the answer must hold for every gestational age from 22+0 to 44+6, or the 422 names it in `decidingInputs`",
    examples: [{ weeks: 32, days: 0 }],
  });

export const selectRequestSchema = z
  .strictObject({
    procedure: z
      .string()
      .check(z.minLength(1), z.maxLength(200))
      .register(z.globalRegistry, { examples: ["ecmo-cannula-insertion-percutaneous"] }),
    dateOfService: z.optional(isoDate("dateOfService")).register(z.globalRegistry, {
      description: "May be left out only with `age`; then today's date in UTC",
    }),
    dateOfBirth: z.optional(isoDate("dateOfBirth")),
    age: z.optional(givenAgeSchema),
    gestationalAgeAtBirth: z.optional(gestationalAgeSchema),
    ruleVersion: z
      .optional(z.int().check(z.minimum(1)))
      .register(z.globalRegistry, { description: "Pins a published rule version" }),
  })
  .check(
    z.superRefine((request, context) => {
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
    }),
  )
  .register(z.globalRegistry, { id: "SelectRequest" });

export type SelectRequestBody = z.infer<typeof selectRequestSchema>;

export const batchRequestSchema = z
  .strictObject({
    items: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)),
  })
  .register(z.globalRegistry, {
    id: "BatchRequest",
    description: `Up to ${MAX_BATCH_ITEMS} select requests`,
  });
