import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Where the files the stack packages live, whatever directory `cdk` or the tests run from. */
export const projectPaths = {
  root,
  lockFile: join(root, "package-lock.json"),
  apiHandler: join(root, "lambda", "handler.ts"),
  /** Checks one batch of a bulk audit's claim lines (the bulk-audit state machine's task). */
  bulkHandler: join(root, "bulk", "handler.ts"),
  /** Served by the API function from beside its bundle (http/openapi-file.ts). */
  openApiDocument: join(root, "http", "openapi.json"),
  /** The admin API: change requests under /admin/v1/, and the studio page. */
  adminHandler: join(root, "admin", "api", "handler.ts"),
  /** Builds the studio page beside the admin function's bundle. */
  studioPageWriter: join(root, "scripts", "build-studio-page.ts"),
  seedHandler: join(root, "admin", "deploy", "seed-handler.ts"),
  publicKeyHandler: join(root, "admin", "deploy", "public-key-handler.ts"),
  rules: join(root, "rules"),
} as const;
