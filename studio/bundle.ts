import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BuildOptions } from "esbuild";

/** The page's files as the studio serves them under /studio/, by file name, each with its content type. */
export interface Asset {
  readonly type: string;
  readonly body: string;
}

const web = (file: string): string => fileURLToPath(new URL(`./web/${file}`, import.meta.url));

/** The bundled script and stylesheet, as `npm run build` writes them beside the built studio. */
const BUILT_SCRIPT = "studio.js";
const STYLESHEET = "studio.css";

/**
 * The page: Preact and the pure core it validates drafts with, bundled into one script, and its
 * styles into one stylesheet. An installed package serves the files `npm run build` made; in the
 * repository they are bundled from the sources at launch, so the page is never older than the
 * code beside it. Either way nothing is fetched at run time.
 */
export const studioAssets = async (): Promise<Map<string, Asset>> => {
  const built = existsSync(web(BUILT_SCRIPT));
  const [script, style] = built
    ? [readFileSync(web(BUILT_SCRIPT), "utf8"), readFileSync(web(STYLESHEET), "utf8")]
    : await Promise.all([bundlePage(), bundleStyles()]);
  return new Map([
    [
      "index.html",
      { type: "text/html; charset=utf-8", body: readFileSync(web("index.html"), "utf8") },
    ],
    ["studio.js", { type: "text/javascript; charset=utf-8", body: script }],
    ["studio.css", { type: "text/css; charset=utf-8", body: style }],
  ]);
};

/** esbuild's one output, from a build tool the package does not ship. */
const bundled = async (entry: string, options: BuildOptions): Promise<string> => {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [web(entry)],
    bundle: true,
    write: false,
    minify: true,
    legalComments: "none",
    logLevel: "silent",
    ...options,
  });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error(`the studio's ${entry} did not bundle`);
  return output.text;
};

/** Bundles the page's script from the sources. */
const bundlePage = (): Promise<string> =>
  bundled("main.tsx", {
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
  });

/** Bundles the page's styles, one file per part of the page, into the one stylesheet served. */
const bundleStyles = (): Promise<string> => bundled(STYLESHEET, {});

/** Writes the page into `dir` (the built studio's web/ folder) for `npm run build`. */
export const writeStudioPage = async (dir: string): Promise<void> => {
  mkdirSync(dir, { recursive: true });
  const [script, style] = await Promise.all([bundlePage(), bundleStyles()]);
  writeFileSync(`${dir}/${BUILT_SCRIPT}`, script);
  writeFileSync(`${dir}/${STYLESHEET}`, style);
  writeFileSync(`${dir}/index.html`, readFileSync(web("index.html")));
};
