import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
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
  okAs: succeedsAs(table),
});

/**
 * Runs `code-rules` as `local:name` (CODE_RULES_LOCAL_IDENTITY, DynamoDB Local only), the way a
 * second admin is played on one machine, and expects it to succeed quietly; returns its output.
 */
export const succeedsAs =
  (table: string) =>
  (name: string) =>
  async (...args: string[]): Promise<string> => {
    const run = await cliOn(table, { CODE_RULES_LOCAL_IDENTITY: name })(...args);
    expect(run.stderr, `${name}: ${args.join(" ")}`).toBe("");
    expect(run.code, `${name}: ${args.join(" ")}`).toBe(0);
    return run.stdout;
  };

/**
 * Break glass, as test setup: what a publish over active rules (or a move given leave) takes
 * without a change request. Tests of what a move does set their versions up this way; change
 * requests have their own tests.
 */
export const BREAK_GLASS = ["--break-glass", "--reason", "test setup"] as const;
