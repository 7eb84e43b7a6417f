/**
 * Where the OpenAPI document lives: `http/openapi.json`, written by `npm run openapi` from the
 * zod schemas, and copied beside the bundle when the stack builds the function. Resolved against
 * this module, the one URL names the source file when the API runs from source and the copy when
 * it runs bundled.
 */
export const OPENAPI_FILE = new URL("./openapi.json", import.meta.url);
