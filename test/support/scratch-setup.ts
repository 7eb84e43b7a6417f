import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SCRATCH_ENV } from "./scratch.js";

let root: string | undefined;

/** One folder for every scratch folder of the run, which the workers inherit and the run removes. */
export const setup = (): void => {
  root = mkdtempSync(join(tmpdir(), "code-rules-test-"));
  process.env[SCRATCH_ENV] = root;
};

export const teardown = (): void => {
  if (root) rmSync(root, { recursive: true, force: true });
};
