import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface Source {
  /** The path from the project root, with forward slashes. */
  readonly name: string;
  readonly text: string;
}

/** The TypeScript sources (.ts and .tsx) in a project folder and the folders below it. */
export const sourcesIn = (folder: string): Source[] =>
  readdirSync(join(PROJECT_ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name) && !name.split("/").includes("node_modules"))
    .map((name) => {
      const path = join(PROJECT_ROOT, folder, name);
      return { name: relative(PROJECT_ROOT, path), text: readFileSync(path, "utf8") };
    });

/** The module specifiers a source imports from, type-only, dynamic and side-effect imports included. */
export const importsOf = (text: string): string[] =>
  [...text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)"([^"]+)"/gm)].map(
    (match) => match[1] ?? "",
  );

/** A relative specifier of `source` resolved to a path from the project root. */
export const resolvedFrom = (source: Source, specifier: string): string =>
  relative(PROJECT_ROOT, join(PROJECT_ROOT, source.name, "..", specifier));
