import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { generateOpenApiDocument } from "../../scripts/openapi-document.js";
import { PROJECT_ROOT } from "../support/source-imports.js";

interface MediaType {
  readonly schema?: object;
  readonly examples?: Record<string, { summary: string; value: unknown }>;
}
interface Operation {
  readonly tags: string[];
  readonly summary: string;
  readonly description: string;
  readonly requestBody?: { content: Record<string, MediaType> };
  readonly responses: Record<string, { content: Record<string, MediaType> }>;
}
interface Document {
  readonly info: { version: string };
  readonly tags: { name: string; description: string }[];
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { schemas: Record<string, Record<string, unknown>> };
}

const document = (await generateOpenApiDocument()) as unknown as Document;
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ at: `${method} ${path}`, operation })),
);
const examplesOf = (operation: Operation, status: string) =>
  Object.values(operation.responses[status]?.content ?? {})[0]?.examples ?? {};

/** Every schema object in the document, wherever it is nested. */
const schemasIn = (node: unknown): Record<string, unknown>[] => {
  if (Array.isArray(node)) return node.flatMap(schemasIn);
  if (typeof node !== "object" || node === null) return [];
  const object = node as Record<string, unknown>;
  return [object, ...Object.values(object).flatMap(schemasIn)];
};

describe("the OpenAPI document", () => {
  it("bounds every integer from below at 0 or more, and names no negative minimum anywhere", () => {
    const integers = schemasIn(document.components).filter(({ type }) => type === "integer");
    expect(integers.length).toBeGreaterThan(15);
    for (const integer of integers) {
      const bounded = typeof integer.minimum === "number" && integer.minimum >= 0;
      const listed = Array.isArray(integer.enum) || integer.const !== undefined;
      expect(bounded || listed, JSON.stringify(integer)).toBe(true);
    }
    expect(JSON.stringify(document)).not.toMatch(/"(exclusiveM|m)inimum":-/);
  });

  it("carries the package's version", () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
    expect(document.info.version).toBe(version);
  });

  it("files every operation under a tag it describes, with a short summary and a description", () => {
    const tags = document.tags.map(({ name }) => name);
    for (const { at, operation } of operations) {
      expect(operation.tags, at).toHaveLength(1);
      expect(tags, at).toContain(operation.tags[0]);
      expect(operation.summary.split(" ").length, at).toBeLessThanOrEqual(6);
      expect(operation.description.length, at).toBeGreaterThan(operation.summary.length);
    }
  });

  // The studio's routes answer from people and change requests: examples of them would be made up,
  // where every caller example is the API's real answer.
  it("shows an example for every status a caller operation answers with a body, each valid against its schema", () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: "openapi", components: document.components });
    const valid = (schema: object, value: unknown) =>
      ajv.compile({ ...schema, $ref: `openapi${(schema as { $ref: string }).$ref}` })(value);
    for (const { at, operation } of operations.filter(({ at }) => !at.includes("/admin/"))) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const [media] = Object.values(response.content);
        if (!media?.schema) continue;
        const examples = Object.values(media.examples ?? {});
        expect(examples.length, `${at} ${status}`).toBeGreaterThan(0);
        for (const { value } of examples)
          expect(valid(media.schema, value), `${at} ${status}`).toBe(true);
      }
    }
  });

  it("answers its examples as the API does: a 4-year-old gets 33951; a hernia repair without the gestational age is a 422 naming it", () => {
    const select = document.paths["/v1/select"]?.post;
    if (!select) throw new Error("no POST /v1/select");
    expect(examplesOf(select, "200").byDateOfBirth?.value).toMatchObject({
      code: "33951",
      age: { years: 4 },
    });
    expect(examplesOf(select, "422").gestationalAgeMissing?.value).toMatchObject({
      type: "urn:code-rules:problem:ambiguous-age",
      status: 422,
      decidingInputs: ["gestationalAgeAtBirth"],
    });
    for (const { at, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const { examples = {} } = Object.values(response.content)[0] ?? {};
        for (const { value } of Object.values(examples)) {
          const said = (value as { status?: unknown }).status;
          if (typeof said === "number") expect(said, `${at} ${status}`).toBe(Number(status));
        }
      }
    }
  });

  it("says every list of codes is ordered by band, youngest first, then by code", () => {
    const { Problem, CodeCheck } = document.components.schemas as Record<
      string,
      { properties: Record<string, { description: string }> }
    >;
    for (const field of [
      Problem?.properties.codes,
      Problem?.properties.codesByAge,
      CodeCheck?.properties.expected,
    ]) {
      expect(field?.description).toMatch(/by band, youngest first .*then by code/);
    }
  });

  it("types a batch item's status as 200 or one problem status, so that a client narrows on it", () => {
    const items = (
      document.components.schemas.BatchResponse as {
        properties: { results: { items: { anyOf: { properties: { status: object } }[] } } };
      }
    ).properties.results.items.anyOf.map(({ properties }) => properties.status);
    expect(items).toEqual([
      { type: "integer", const: 200 },
      { type: "integer", enum: [400, 404, 422, 503] },
    ]);
  });
});

describe("npm run lint:contract", () => {
  // `npm run lint` lints the committed document; this shows the lint catches what only Spectral sees.
  it("runs Spectral's spectral:oas beside Redocly's rules, and fails on a warning Redocly lets pass", () => {
    const untagged = structuredClone(document);
    const health = untagged.paths["/health"]?.get as { tags?: string[] } | undefined;
    delete health?.tags;
    const file = join(tmpdir(), `code-rules-untagged-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(untagged));
    const tsx = join(PROJECT_ROOT, "node_modules/tsx/dist/cli.mjs");
    const { status, stdout, stderr } = spawnSync(
      process.execPath,
      [tsx, join(PROJECT_ROOT, "scripts/lint-contract.ts"), file],
      { encoding: "utf8" },
    );
    expect(stdout).toContain(`redocly: ${file}: 0 errors, 0 warnings`);
    expect(stdout).toContain("operation-tags");
    expect(stderr).toContain(`spectral: ${file}: 0 errors, 1 warnings`);
    expect(status).toBe(1);
  });
});
