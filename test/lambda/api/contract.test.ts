import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../../lambda/api/openapi.js";
import { PROBLEM_TYPES } from "../../../lambda/api/problem-types.js";
import { checkRequestSchema, selectRequestSchema } from "../../../lambda/api/request-schemas.js";

const document = buildOpenApiDocument({ version: "0.0.0" }) as unknown as {
  components: { schemas: Record<string, object> };
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};
const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ $id: "openapi", components: document.components });
const documented = (id: string) => ajv.compile({ $ref: `openapi#/components/schemas/${id}` });

/** Bodies with each field present or not, in good form: only the dateOfBirth-or-age rule decides. */
const bodies = (first: Record<string, unknown>) =>
  fc.record(
    {
      ...Object.fromEntries(Object.entries(first).map(([key, value]) => [key, fc.constant(value)])),
      dateOfService: fc.constant("2026-11-24"),
      dateOfBirth: fc.constant("2020-11-25"),
      age: fc.constant({ value: 5, unit: "years" }),
      ruleVersion: fc.constant(1),
    },
    { requiredKeys: [] },
  );

describe("the contract", () => {
  it.each([
    ["SelectRequest", selectRequestSchema, { procedure: "ecmo-cannula-insertion-percutaneous" }],
    ["CheckRequest", checkRequestSchema, { code: "33952" }],
  ] as const)(
    "states %s's date-of-birth-or-age rule (oneOf) exactly as the API checks it",
    (id, schema, first) => {
      const validate = documented(id);
      fc.assert(
        fc.property(bodies(first), (body) => {
          expect(validate(body)).toBe(schema.safeParse(body).success);
        }),
        { numRuns: 200 },
      );
    },
  );

  it("lists every problem type with its meaning", () => {
    const problem = document.components.schemas.Problem as {
      properties: { type: { anyOf: { const: string; description: string }[] } };
    };
    expect(problem.properties.type.anyOf).toEqual(
      Object.entries(PROBLEM_TYPES).map(([kind, { meaning }]) =>
        expect.objectContaining({ const: `urn:code-rules:problem:${kind}`, description: meaning }),
      ),
    );
  });

  it("documents 405 and 500 on every operation, 413 and 400 on every one with a body, and SigV4 on all", () => {
    const operations = Object.values(document.paths).flatMap((methods) => Object.entries(methods));
    expect(operations.length).toBeGreaterThan(6);
    for (const [method, operation] of operations) {
      const statuses = Object.keys(operation.responses);
      expect(statuses).toEqual(expect.arrayContaining(["200", "403", "405", "429", "500"]));
      if (method === "post") expect(statuses).toEqual(expect.arrayContaining(["400", "413"]));
    }
    expect(document).toMatchObject({ security: [{ sigv4: [] }] });
  });
});
