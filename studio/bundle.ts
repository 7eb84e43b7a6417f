import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The page's files as the studio serves them, each with its content type. */
export interface Asset {
  readonly type: string;
  readonly body: string;
}

const web = (file: string): string => fileURLToPath(new URL(`./web/${file}`, import.meta.url));

/**
 * Bundles the page (Preact and the pure core it validates drafts with) from the package's own
 * sources and node_modules, once per launch: nothing is fetched at run time, and the page is
 * never older than the code beside it.
 */
export const bundleStudio = async (): Promise<Map<string, Asset>> => {
  const result = await build({
    entryPoints: [web("main.tsx")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    logLevel: "silent",
  });
  const [script] = result.outputFiles;
  if (!script) throw new Error("the studio's page did not bundle");
  return new Map([
    ["/", { type: "text/html; charset=utf-8", body: readFileSync(web("index.html"), "utf8") }],
    ["/studio.js", { type: "text/javascript; charset=utf-8", body: script.text }],
    [
      "/studio.css",
      { type: "text/css; charset=utf-8", body: readFileSync(web("studio.css"), "utf8") },
    ],
  ]);
};
