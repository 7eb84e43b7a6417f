import { spawnSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { selectEvent } from "./events.js";
import { median } from "./median.js";

/**
 * The cold-start budget: the function's bundle and its module init each at most this many times
 * an SDK-only handler's. It protects the first request after a scale-out, which a caller feels;
 * bytes beyond what init costs protect nothing, so the budget is not a byte count.
 */
export const COLD_START_BUDGET = 1.5;

const workDir = fileURLToPath(new URL("./.work/", import.meta.url));

/** Bundles a handler the way infra/constructs/node-function.ts has the CDK bundle it. */
export const bundleLikeTheStack = async (
  entry: string,
  name: string,
): Promise<{ file: string; bytes: number }> => {
  // index.mjs, as in the stack's asset, so that even the source-map comment is the same.
  const file = `${workDir}${name}/index.mjs`;
  mkdirSync(`${workDir}${name}`, { recursive: true });
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

const processMs = (script: string, env: Record<string, string>): number => {
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`the init measurement failed: ${run.stderr}`);
  return performance.now() - started;
};

/**
 * Module init of each bundle: a fresh node importing it, minus a fresh node doing nothing, median
 * of `runs`. The processes take turns, so a busy moment of the machine weighs on every bundle
 * alike rather than on whichever was being measured.
 */
export const initMs = (
  files: readonly string[],
  env: Record<string, string>,
  runs = 21,
): number[] => {
  const empty: number[] = [];
  const importing = files.map((): number[] => []);
  for (let i = 0; i < runs; i += 1) {
    empty.push(processMs("", env));
    files.forEach((file, index) => {
      importing[index]?.push(processMs(`await import(${JSON.stringify(file)});`, env));
    });
  }
  return importing.map((times) => median(times) - median(empty));
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
