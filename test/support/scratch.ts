import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Names the run's scratch folder, which test/support/scratch-setup.ts makes and removes. */
export const SCRATCH_ENV = "CODE_RULES_TEST_SCRATCH";

/**
 * A fresh, empty folder for a test's files, inside the run's scratch folder, which goes when the
 * run ends: property tests make thousands, which used to stay behind in the temp folder.
 */
export const scratchFolder = (name: string): string =>
  mkdtempSync(join(process.env[SCRATCH_ENV] ?? tmpdir(), `code-rules-${name}-`));
