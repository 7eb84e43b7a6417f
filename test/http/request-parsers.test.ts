import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "../../core/zod.js";
import { checkRequestSchema, selectRequestSchema } from "../../http/request-schemas.js";
import { checkRoute } from "../../lambda/api/check-route.js";
import { fieldErrors } from "../../lambda/api/rules-route.js";
import { selectRoute } from "../../lambda/api/select-route.js";
import { mostlyValid, nearlyValid } from "../support/request-bodies.js";

const procedure = fc.constantFrom(
  "ecmo-cannula-insertion-percutaneous",
  "inguinal-hernia-repair-initial-reducible",
  "any-words-at-all",
);

const routes = [
  ["selectCode", selectRoute, selectRequestSchema, fc.record({ procedure })],
  [
    "checkCode",
    checkRoute,
    checkRequestSchema,
    fc.record(
      { code: fc.constantFrom("33951", "33952", "0001F"), procedure },
      { requiredKeys: ["code"] },
    ),
  ],
] as const;

describe("the routes' request parsers, compiled by zod ahead of time", () => {
  it.each(routes)(
    "%s: the schema compiles; were it not, zod would fall back silently to its slower walk",
    (_name, _route, schema) => {
      expect(() => z.compile(schema, { strict: true })).not.toThrow();
    },
  );

  it.each(routes)(
    "accept and refuse for %s exactly what its schema does, with the same request and the same messages",
    (_name, route, schema, first) => {
      let accepted = 0;
      fc.assert(
        fc.property(
          fc.oneof(mostlyValid(first), nearlyValid, fc.jsonValue({ maxDepth: 2 })),
          (body) => {
            const parsed = route.parse(body);
            const expected = schema.safeParse(body);
            expect(parsed.ok).toBe(expected.success);
            if (parsed.ok && expected.success) {
              accepted += 1;
              expect(parsed.request).toStrictEqual(expected.data);
            }
            if (!parsed.ok && !expected.success)
              expect(parsed.answer.body).toMatchObject({ errors: fieldErrors(expected.error) });
          },
        ),
        { numRuns: 1_000 },
      );
      // Both paths were taken, not only the refusals.
      expect(accepted).toBeGreaterThan(100);
    },
  );
});
