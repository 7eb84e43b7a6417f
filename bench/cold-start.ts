import { spawnSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { selectEvent } from "./events.js";

const workDir = fileURLToPath(new URL("./.work/", import.meta.url));

/** Bundles a handler the way infra/constructs/node-function.ts has the CDK bundle it. */
export const bundleLikeTheStack = async (
  entry: string,
  name: string,
): Promise<{ file: string; bytes: number }> => {
  mkdirSync(workDir, { recursive: true });
  const file = `${workDir}${name}.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    outfile: file,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    mainFields: ["module", "main"],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: "none",
    logLevel: "error",
  });
  return { file, bytes: statSync(file).size };
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const processMs = (script: string, env: Record<string, string>): number => {
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`the init measurement failed: ${run.stderr}`);
  return performance.now() - started;
};

/** Module init: a fresh node importing the bundle, minus a fresh node doing nothing; median of `runs`. */
export const initMs = (file: string, env: Record<string, string>, runs = 9): number => {
  const importing: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    empty.push(processMs("", env));
    importing.push(processMs(`await import(${JSON.stringify(file)});`, env));
  }
  return median(importing) - median(empty);
};

/** The first request of a fresh process: handler call including the first rule load. */
export const firstRequestMs = (file: string, env: Record<string, string>): number => {
  const script = `const { handler } = await import(${JSON.stringify(file)});
const started = performance.now();
const result = await handler(JSON.parse(process.env.BENCH_EVENT));
if (result.statusCode !== 200) throw new Error("first request answered " + result.statusCode + ": " + result.body);
console.log(performance.now() - started);`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, ...env, BENCH_EVENT: JSON.stringify(selectEvent()) },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`the first request failed: ${run.stderr}`);
  return Number(run.stdout.trim());
};
