import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliOn, succeedsOn } from "../support/cli.js";

/**
 * What one file's CLI tests share: a scratch folder for the rule files they write, and the CLI on
 * `table` (its CODE_RULES_TABLE; a `--table` in the arguments names another). The table is not
 * created here: a file whose tests use it runs `init` first.
 */
export const cliOnTable = (table: string) => ({
  work: mkdtempSync(join(tmpdir(), "code-rules-cli-")),
  cli: cliOn(table),
  ok: succeedsOn(table),
});
