/**
 * Writes http/openapi.json from the zod schemas, with the examples the API answers on the
 * shipped rules, and the client's types from it: `npm run openapi`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApiText } from "../http/openapi.js";
import { OPENAPI_FILE } from "../http/openapi-file.js";
import { CLIENT_TYPES_FILE, clientTypesText } from "./client-types.js";
import { generateOpenApiDocument } from "./openapi-document.js";

const document = await generateOpenApiDocument();
writeFileSync(OPENAPI_FILE, openApiText(document));
console.log(`wrote ${fileURLToPath(OPENAPI_FILE)}`);
writeFileSync(CLIENT_TYPES_FILE, await clientTypesText(document));
console.log(`wrote ${fileURLToPath(CLIENT_TYPES_FILE)}`);
