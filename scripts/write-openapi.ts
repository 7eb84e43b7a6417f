/** Writes lambda/api/openapi.json from the zod schemas, and the client's types from it: `npm run openapi`. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildOpenApiDocument, openApiText } from "../lambda/api/openapi.js";
import { OPENAPI_FILE } from "../lambda/api/openapi-file.js";
import { CLIENT_TYPES_FILE, clientTypesText } from "./client-types.js";

writeFileSync(OPENAPI_FILE, openApiText());
console.log(`wrote ${fileURLToPath(OPENAPI_FILE)}`);
writeFileSync(CLIENT_TYPES_FILE, await clientTypesText(buildOpenApiDocument()));
console.log(`wrote ${fileURLToPath(CLIENT_TYPES_FILE)}`);
