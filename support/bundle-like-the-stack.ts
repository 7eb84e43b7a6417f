import { mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * The cold-start budget: the function's bundle and its module init each at most this many times
 * an SDK-only handler's. It protects the first request after a scale-out, which a caller feels;
 * bytes beyond what init costs protect nothing, so the budget is not a byte count.
 */
export const COLD_START_BUDGET = 1.5;

const workDir = fileURLToPath(new URL("../bench/.work/", import.meta.url));

/**
 * Bundles a handler the way infra/constructs/node-function.ts has the CDK bundle it; `entry` is a
 * path from the project root. The bench measures these bundles and a test holds the stack's to them.
 */
export const bundleLikeTheStack = async (
  entry: string,
  name: string,
): Promise<{ file: string; bytes: number }> => {
  // index.mjs, as in the stack's asset, so that even the source-map comment is the same.
  const file = `${workDir}${name}/index.mjs`;
  mkdirSync(`${workDir}${name}`, { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
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
