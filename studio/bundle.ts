import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The page's files as the studio serves them, each with its content type. */
export interface Asset {
  readonly type: string;
  readonly body: string;
}

const web = (file: string): string => fileURLToPath(new URL(`./web/${file}`, import.meta.url));

/** The bundled script, as `npm run build` writes it beside the built studio. */
const BUILT_SCRIPT = "studio.js";

/**
 * The page: Preact and the pure core it validates drafts with, bundled into one script. An
 * installed package serves the script `npm run build` made; in the repository it is bundled from
 * the sources at launch, so the page is never older than the code beside it. Either way nothing
 * is fetched at run time.
 */
export const studioAssets = async (): Promise<Map<string, Asset>> => {
  const built = web(BUILT_SCRIPT);
  const script = existsSync(built) ? readFileSync(built, "utf8") : await bundlePage();
  return new Map([
    ["/", { type: "text/html; charset=utf-8", body: readFileSync(web("index.html"), "utf8") }],
    ["/studio.js", { type: "text/javascript; charset=utf-8", body: script }],
    [
      "/studio.css",
      { type: "text/css; charset=utf-8", body: readFileSync(web("studio.css"), "utf8") },
    ],
  ]);
};

/** Bundles the page's script from the sources with esbuild, a build tool the package does not ship. */
const bundlePage = async (): Promise<string> => {
  const { build } = await import("esbuild");
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
  return script.text;
};

/** Writes the page into `dir` (the built studio's web/ folder) for `npm run build`. */
export const writeStudioPage = async (dir: string): Promise<void> => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${BUILT_SCRIPT}`, await bundlePage());
  for (const file of ["index.html", "studio.css"])
    writeFileSync(`${dir}/${file}`, readFileSync(web(file)));
};
