import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect } from "vitest";

export const CLI = fileURLToPath(new URL("../../cli/code-rules.js", import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `code-rules` as an admin would, on a table of its own; never throws. */
export const cliOn =
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
