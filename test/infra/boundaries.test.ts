import { describe, expect, it } from "vitest";
import { importsOf, resolvedFrom, sourcesIn } from "../support/source-imports.js";

const localImports = (folder: string) =>
  sourcesIn(folder).flatMap((source) =>
    importsOf(source.text)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => ({ source: source.name, target: resolvedFrom(source, specifier) })),
  );

/**
 * What infra/ may take from the rest of the project: the names it shares with the function, the
 * table's key schema, the pure core (the seed construct validates the shipped rules at synth) and
 * the reading of rule files. Never the function's wiring, whose Powertools and SDK every synth
 * would then load.
 */
const INFRA_MAY_IMPORT = [
  /^infra\//,
  /^lambda\/service-names\.js$/,
  /^lambda\/store\/table-schema\.js$/,
  /^lambda\/core\/[a-z-]+\.js$/,
  /^rule-files\/[a-z-]+\.js$/,
];

describe("the project's boundaries", () => {
  it("infra/ imports no runtime module beyond the shared names and the table schema", () => {
    const imports = localImports("infra");
    expect(imports.length).toBeGreaterThan(10);
    const outside = imports.filter(
      ({ target }) => !INFRA_MAY_IMPORT.some((allowed) => allowed.test(target)),
    );
    expect(outside).toEqual([]);
  });

  it("nothing outside cli/ imports the CLI", () => {
    const intoCli = ["lambda", "infra", "local", "rule-files", "bench", "scripts"].flatMap(
      (folder) => localImports(folder).filter(({ target }) => target.startsWith("cli/")),
    );
    expect(intoCli).toEqual([]);
  });

  it("the shared names module imports nothing, so infra/ loads nothing through it", () => {
    const [names] = sourcesIn("lambda").filter(({ name }) => name === "lambda/service-names.ts");
    expect(names).toBeDefined();
    expect(importsOf(names?.text ?? "import")).toEqual([]);
  });
});
