/**
 * Lints the OpenAPI document with Redocly's recommended rules (redocly.yaml) and Spectral's
 * `spectral:oas` rules (.spectral.yaml), and fails on any finding, warnings included, which
 * either tool alone lets pass: `npm run lint:contract -- [file or URL]`, the committed document by
 * default. Both rulesets ship with the tools, so the lint runs offline.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { OPENAPI_FILE } from "../http/openapi-file.js";

const target = process.argv[2] ?? fileURLToPath(OPENAPI_FILE);
const local = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

interface Findings {
  readonly errors: number;
  readonly warnings: number;
  /** The findings as people read them, when there are any. */
  readonly report: () => string;
}

const run = (tool: string, args: readonly string[]) =>
  spawnSync(local(`node_modules/.bin/${tool}`), args, { encoding: "utf8" });

const redocly = (): Findings | undefined => {
  const lint = (format: string) =>
    run("redocly", ["lint", target, "--config", local("redocly.yaml"), "--format", format]);
  const { totals } = JSON.parse(lint("json").stdout || "{}") as {
    totals?: { errors: number; warnings: number };
  };
  return totals && { ...totals, report: () => lint("stylish").stdout };
};

// Spectral's severities: 0 error, 1 warning, 2 information, 3 hint; the last two count as warnings.
const spectral = (): Findings | undefined => {
  const lint = (format: string) =>
    run("spectral", ["lint", target, "--ruleset", local(".spectral.yaml"), "-f", format, "-q"]);
  let results: { severity: number }[];
  try {
    results = JSON.parse(lint("json").stdout) as { severity: number }[];
  } catch {
    return undefined;
  }
  const errors = results.filter(({ severity }) => severity === 0).length;
  return { errors, warnings: results.length - errors, report: () => lint("stylish").stdout };
};

let failed = false;
for (const [name, lint] of [
  ["redocly", redocly],
  ["spectral", spectral],
] as const) {
  const findings = lint();
  if (!findings) {
    console.error(`lint:contract: ${name} could not lint ${target}`);
    process.exit(2);
  }
  const counts = `${findings.errors} errors, ${findings.warnings} warnings`;
  if (findings.errors + findings.warnings > 0) {
    process.stdout.write(findings.report());
    console.error(`lint:contract: ${name}: ${target}: ${counts}`);
    failed = true;
  } else {
    console.log(`lint:contract: ${name}: ${target}: ${counts}`);
  }
}
process.exit(failed ? 1 : 0);
