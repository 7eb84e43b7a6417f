import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect } from "vitest";
import { runCli } from "../../cli/main.js";

/** The `code-rules` command itself, for the few tests that need a process of its own. */
export const CLI = fileURLToPath(new URL("../../cli/code-rules.js", import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `code-rules` in this process, as an admin would on a table of its own, with `env` over the
 * process's environment; never throws. The DynamoDB endpoint comes from that environment, region
 * and credentials from the process's (test/support/aws-env.ts); `spawnCliOn` runs the command in a
 * process with an environment all its own.
 */
export const cliOn =
  (table: string, env: NodeJS.ProcessEnv = {}) =>
  async (...args: string[]): Promise<Run> => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, {
      out: (text) => {
        stdout += text;
      },
      err: (text) => {
        stderr += text;
      },
      env: { ...process.env, ...env, CODE_RULES_TABLE: table },
    });
    return { code, stdout, stderr };
  };

/** Runs the `code-rules` command in a new Node process with this environment; never throws. */
export const spawnCliOn =
  (table: string, env: NodeJS.ProcessEnv = process.env) =>
  async (...args: string[]): Promise<Run> => {
    try {
      const { stdout, stderr } = await promisify(execFile)("node", [CLI, ...args], {
        env: { ...env, CODE_RULES_TABLE: table },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

/** Runs `code-rules` and expects it to succeed without a word on stderr; returns its output. */
export const succeedsOn =
  (table: string) =>
  async (...args: string[]): Promise<string> => {
    const run = await cliOn(table)(...args);
    expect(run.stderr, args.join(" ")).toBe("");
    expect(run.code, args.join(" ")).toBe(0);
    return run.stdout;
  };
