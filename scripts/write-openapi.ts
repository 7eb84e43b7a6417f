/** Writes lambda/api/openapi.json from the zod schemas: `npm run openapi`. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApiText } from "../lambda/api/openapi.js";
import { OPENAPI_FILE } from "../lambda/api/openapi-file.js";

writeFileSync(OPENAPI_FILE, openApiText());
console.log(`wrote ${fileURLToPath(OPENAPI_FILE)}`);
