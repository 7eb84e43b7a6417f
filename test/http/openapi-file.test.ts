import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApiText } from "../../http/openapi.js";
import { OPENAPI_FILE } from "../../http/openapi-file.js";
import { CLIENT_TYPES_FILE, clientTypesText } from "../../scripts/client-types.js";
import { generateOpenApiDocument } from "../../scripts/openapi-document.js";

const generated = await generateOpenApiDocument();

describe("http/openapi.json", () => {
  it("is the document the zod schemas and the shipped rules generate (npm run openapi rewrites it)", () => {
    // The examples are the API's answers on the shipped rules: a change to rules/ changes them too.
    expect(readFileSync(OPENAPI_FILE, "utf8"), "run `npm run openapi`").toBe(
      openApiText(generated),
    );
  });

  it("and the client's types are generated from it (npm run openapi rewrites them)", async () => {
    expect(readFileSync(CLIENT_TYPES_FILE, "utf8"), "run `npm run openapi`").toBe(
      await clientTypesText(generated),
    );
  });

  it("names a component for every request and response schema the paths refer to", () => {
    const document = generated as unknown as { components: { schemas: object } };
    const referenced = [...JSON.stringify(document).matchAll(/#\/components\/schemas\/(\w+)/g)].map(
      (match) => match[1],
    );
    expect(Object.keys(document.components.schemas).sort()).toEqual(
      [...new Set(referenced)].sort(),
    );
  });
});
