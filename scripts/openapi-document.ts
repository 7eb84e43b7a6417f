import { readFileSync } from "node:fs";
import { buildOpenApiDocument, type OpenApiDocument } from "../http/openapi.js";
import { operationExamples } from "./example-answers.js";

const packageVersion = (): string =>
  (
    JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    }
  ).version;

/**
 * The document `npm run openapi` writes to http/openapi.json: the contract with the
 * package's version and the examples the API answers on the shipped rules.
 */
export const generateOpenApiDocument = async (): Promise<OpenApiDocument> =>
  buildOpenApiDocument({ version: packageVersion(), examples: await operationExamples() });
