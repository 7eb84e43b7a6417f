import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { AUDIT_ANCHOR_ENV } from "../../../cli/audit-anchor-choice.js";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** `npm start` as a user runs it, on data of its own, and what it printed. */
export interface NpmStart {
  readonly url: string;
  readonly endpoint: string;
  /** Runs a shell block as a user pastes it, against this server. */
  run(block: string): Promise<string>;
  stop(): void;
}

/**
 * Starts `npm start` on a fresh data folder and any free port, as a new user's first start is, and
 * reads the API's URL and DynamoDB Local's endpoint from what it prints.
 */
export const npmStart = (): Promise<NpmStart> => {
  const data = mkdtempSync(join(tmpdir(), "code-rules-walk-through-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CODE_RULES_LOCAL_DATA: data,
    PORT: "0",
    // A version published is served within one cache window: a second here, not npm start's five.
    RULES_CACHE_TTL_SECONDS: "1",
  };
  // The user's CLI finds the audit heads where npm start keeps them, beside its data.
  delete env[AUDIT_ANCHOR_ENV];
  const server: ChildProcess = spawn("npm", ["start"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () => {
    server.kill("SIGTERM");
    rmSync(data, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let printed = "";
    server.stdout?.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
      const [, url, endpoint] = /serving on (\S+)\n\s+DynamoDB Local\s+(\S+)/.exec(printed) ?? [];
      if (url && endpoint) resolve({ url, endpoint, run: runAgainst(url, endpoint, env), stop });
    });
    server.on("exit", (code) => reject(new Error(`npm start exited ${code}: ${printed}`)));
  });
};

/** The file `npx code-rules` runs in this repository: the package's bin. */
export const CLI_FILE = join(ROOT, "cli", "code-rules.js");

/**
 * `npx code-rules` as the file npx finds for it, run by node: npm's own start took half of each of
 * the walk-throughs' thirty-odd commands, the greater part of the longest test file. That npx
 * finds that file is tested once, with npm's own npx.
 */
const NPX_CODE_RULES = `npx() { if [ "\${1:-}" = code-rules ]; then shift; node "${CLI_FILE}" "$@"; else command npx "$@"; fi; }`;

const runAgainst =
  (url: string, endpoint: string, env: NodeJS.ProcessEnv) =>
  async (block: string): Promise<string> => {
    // The documents name npm start's default ports; this one may have taken others.
    const pasted = `${NPX_CODE_RULES}\n${block}`
      .replaceAll("http://127.0.0.1:3000", url)
      .replaceAll("http://127.0.0.1:8000", endpoint);
    const { stdout } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", pasted], {
      cwd: ROOT,
      env,
    });
    return stdout;
  };

/** The shell blocks of a Markdown document, in order, each with the `##` heading it stands under. */
export const shellBlocks = (markdown: string) => {
  const blocks: { heading: string; text: string; walkThrough: boolean }[] = [];
  let heading = "";
  const pattern = /^## (.+)$|^(<!-- walk-through -->\n)?```sh\n([\s\S]*?)^```$/gm;
  for (const [, title, marked, text] of markdown.matchAll(pattern)) {
    if (title) heading = title;
    else blocks.push({ heading, text: text ?? "", walkThrough: marked !== undefined });
  }
  return blocks;
};
