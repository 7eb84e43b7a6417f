import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../http/openapi.js";
import { PROBLEM_TYPES } from "../../http/problem-types.js";
import { checkRequestSchema, selectRequestSchema } from "../../http/request-schemas.js";

const document = buildOpenApiDocument({ version: "0.0.0" }) as unknown as {
  components: { schemas: Record<string, object> };
  paths: Record<
    string,
    Record<string, { responses: Record<string, unknown>; security: unknown; requestBody?: unknown }>
  >;
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

  it("documents 405 and 500 on every operation, 413 and 400 on every one with a body, SigV4 on the callers' and a token on the studio's", () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.values(methods).map((operation) => ({ path, operation })),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const { path, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      const studio = path.startsWith("/admin/v1/");
      expect(operation.security).toEqual(studio ? [{ signIn: [] }] : [{ sigv4: [] }]);
      expect(statuses).toEqual(
        expect.arrayContaining([studio ? "401" : "403", "405", "429", "500"]),
      );
      if (operation.requestBody) expect(statuses).toEqual(expect.arrayContaining(["400", "413"]));
    }
  });
});
