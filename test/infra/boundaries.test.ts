import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importsOf, PROJECT_ROOT, resolvedFrom, sourcesIn } from "../support/source-imports.js";

/**
 * The rooms of the project, by where their code runs, and the rooms each may import from. The
 * core runs everywhere; the store's reads and checks run in the functions and on the admin side;
 * the functions (selection, bulk check) and the admin side never import each other; doors are
 * thin and nothing imports a door but a door above it. The tests may import every room, and no room imports the tests.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: [],
  store: ["core"],
  // The HTTP contract both functions answer: the route table, problem types and schemas.
  http: ["core"],
  lambda: ["core", "store", "http"],
  admin: ["core", "store", "http"],
  "rule-files": ["core"],
  client: [],
  local: ["core", "store", "http", "lambda", "admin", "rule-files", "studio"],
  testing: ["local"],
  studio: ["core", "store", "admin", "rule-files"],
  // A claim line to a report row: held to the API's own request schema and problem types, and
  // checked as /v1/check checks (the route's patient mapping); cells guarded as rule CSV guards them.
  claims: ["core", "http", "lambda", "rule-files"],
  // The bulk-check function: the rules table's verified reads and the claim rows, nothing of the
  // admin side; from the selection function, only its environment names and metric buffer.
  bulk: ["core", "store", "http", "lambda", "rule-files", "claims"],
  cli: ["core", "store", "http", "lambda", "admin", "rule-files", "studio", "local", "claims"],
  infra: ["core", "store", "lambda", "admin", "rule-files", "bulk"],
  support: ["core", "store", "http", "lambda", "admin"],
  bench: [
    "core",
    "store",
    "http",
    "lambda",
    "admin",
    "rule-files",
    "local",
    "support",
    "cli",
    "claims",
    "bulk",
  ],
  scripts: ["core", "http", "lambda", "rule-files", "studio", "client"],
};

/**
 * What infra/ may take from the rooms that run: the names it shares with the functions and the
 * admin side (the metrics it alarms on), the table's key schema, the pure core (the seed construct
 * validates the shipped rules at synth) and the reading of rule files. Never a function's wiring,
 * whose Powertools and SDK every synth would then load.
 */
const INFRA_MAY_IMPORT = [
  /^infra\//,
  /^lambda\/service-names\.js$/,
  /^bulk\/bulk-names\.js$/,
  /^admin\/deploy\/deploy-names\.js$/,
  /^admin\/admin-metric-names\.js$/,
  /^store\/table-schema\.js$/,
  /^core\/[a-z-]+\.js$/,
  /^rule-files\/[a-z-]+\.js$/,
];

const roomOf = (path: string): string => path.split("/")[0] ?? path;

const localImports = (folder: string) =>
  sourcesIn(folder).flatMap((source) =>
    importsOf(source.text)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => ({ source: source.name, target: resolvedFrom(source, specifier) })),
  );

const ROOMS = Object.keys(MAY_IMPORT);

/** Every room `room` may reach, through the rooms it may import and theirs in turn. */
const reachable = (room: string): Set<string> => {
  const seen = new Set<string>();
  const pending = [...(MAY_IMPORT[room] ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(MAY_IMPORT[next] ?? []));
  }
  return seen;
};

/** Every import from one room into another, as `from -> to`. */
const arrows = new Map(
  ROOMS.map((room) => [room, localImports(room).filter(({ target }) => roomOf(target) !== room)]),
);

describe("the project's rooms", () => {
  it("names every top-level folder with code, and the tests", () => {
    const withCode = readdirSync(PROJECT_ROOT, { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && !/^(\.|node_modules$|dist$|cdk\.out$)/.test(entry.name),
      )
      .map(({ name }) => name)
      .filter((folder) => sourcesIn(folder).length > 0);
    expect(withCode.sort()).toEqual([...ROOMS, "test"].sort());
  });

  it.each(ROOMS)("%s imports only from the rooms it may", (room) => {
    const allowed = new Set([...(MAY_IMPORT[room] ?? [])]);
    const outside = (arrows.get(room) ?? []).filter(({ target }) => !allowed.has(roomOf(target)));
    expect(outside).toEqual([]);
  });

  it("has no circle of rooms: each may import only rooms listed before it in an order", () => {
    const placed: string[] = [];
    const pending = new Set(ROOMS);
    while (pending.size > 0) {
      const next = [...pending].find((room) =>
        (MAY_IMPORT[room] ?? []).every((other) => placed.includes(other)),
      );
      expect(next, `a circle among ${[...pending].join(", ")}`).toBeDefined();
      if (!next) return;
      placed.push(next);
      pending.delete(next);
    }
    expect(placed).toHaveLength(ROOMS.length);
  });

  it("infra/ imports no runtime module beyond the shared names, the table schema, the core and rule files", () => {
    const imports = localImports("infra");
    expect(imports.length).toBeGreaterThan(10);
    const outside = imports.filter(
      ({ target }) => !INFRA_MAY_IMPORT.some((allowed) => allowed.test(target)),
    );
    expect(outside).toEqual([]);
  });

  it.each([
    ["lambda", "admin"],
    ["bulk", "admin"],
  ])(
    "%s/ (a function) and %s/ (the write side) never reach each other, through any room",
    (fn, side) => {
      expect(reachable(fn)).not.toContain(side);
      expect(reachable(side)).not.toContain(fn);
    },
  );

  it.each([
    "lambda/service-names.ts",
    "bulk/bulk-names.ts",
    "admin/deploy/deploy-names.ts",
    "admin/admin-metric-names.ts",
  ])("%s imports nothing, so infra/ loads nothing through it", (file) => {
    const [names] = sourcesIn(file.split("/")[0] ?? "").filter(({ name }) => name === file);
    expect(names).toBeDefined();
    expect(importsOf(names?.text ?? "import")).toEqual([]);
  });
});
