import { AGE_UNITS } from "../core/age.js";
import { parseIsoDate } from "../core/calendar-date.js";
import * as z from "../core/zod.js";

/** The most items one batch may carry. */
export const MAX_BATCH_ITEMS = 100;

// The schemas validate only; openapi.ts registers their documentation, which the function need
// not carry.

const isoDate = (field: string) =>
  z.string().check(
    z.maxLength(10, { error: `${field} must be a date written YYYY-MM-DD` }),
    z.superRefine((value, context) => {
      const parsed = parseIsoDate(value, field);
      if (!parsed.ok) context.addIssue({ code: "custom", message: parsed.error.message });
    }),
  );

export const givenAgeSchema = z.strictObject({
  value: z.int().check(z.minimum(0)),
  unit: z.enum(AGE_UNITS),
});

export const selectRequestSchema = z
  .strictObject({
    procedure: z.string().check(z.minLength(1), z.maxLength(200)),
    dateOfService: z.optional(isoDate("dateOfService")),
    dateOfBirth: z.optional(isoDate("dateOfBirth")),
    age: z.optional(givenAgeSchema),
    ruleVersion: z.optional(z.int().check(z.minimum(1))),
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
  );

export type SelectRequestBody = z.infer<typeof selectRequestSchema>;

export const batchRequestSchema = z.strictObject({
  items: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_BATCH_ITEMS)),
});
