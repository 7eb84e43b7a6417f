/**
 * Lints the OpenAPI document with Redocly's recommended rules (redocly.yaml) and fails on any
 * finding, warnings included, which `redocly lint` alone lets pass:
 * `npm run lint:contract -- [file or URL]`, the committed document by default.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { OPENAPI_FILE } from "../lambda/api/openapi-file.js";

const target = process.argv[2] ?? fileURLToPath(OPENAPI_FILE);
const redocly = fileURLToPath(new URL("../node_modules/.bin/redocly", import.meta.url));
const config = fileURLToPath(new URL("../redocly.yaml", import.meta.url));

const run = (format: string) =>
  spawnSync(redocly, ["lint", target, "--config", config, "--format", format], {
    encoding: "utf8",
  });

const { stdout, status } = run("json");
const totals = (JSON.parse(stdout || "{}") as { totals?: { errors: number; warnings: number } })
  .totals;
if (!totals) {
  console.error(`lint:contract: redocly could not lint ${target} (exit ${status})`);
  process.exit(2);
}
if (totals.errors + totals.warnings > 0) {
  process.stdout.write(run("stylish").stdout);
  console.error(
    `lint:contract: ${target}: ${totals.errors} error(s), ${totals.warnings} warning(s)`,
  );
  process.exit(1);
}
console.log(`lint:contract: ${target}: 0 errors, 0 warnings`);
