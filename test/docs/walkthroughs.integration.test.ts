import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_FILE, type NpmStart, npmStart, ROOT, shellBlocks } from "./support/npm-start.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: object }).scripts,
);
const blocks = shellBlocks(readme);
const docs = join(ROOT, "docs");
const walkThroughs = readdirSync(docs)
  .filter((file) => file.endsWith(".md"))
  .flatMap((file) =>
    shellBlocks(readFileSync(join(docs, file), "utf8"))
      .filter((block) => block.walkThrough)
      .map((block) => ({ name: `docs/${file}, under "${block.heading}"`, text: block.text })),
  );
const under = (heading: string) => blocks.filter((block) => block.heading === heading);
const blockUnder = (heading: string) => {
  const [block] = under(heading);
  if (!block) throw new Error(`the README has no shell block under "## ${heading}"`);
  return block.text;
};

let server: NpmStart;
beforeAll(async () => {
  server = await npmStart();
}, 120_000);
afterAll(() => server?.stop());

describe("the README, run as written", () => {
  it("starts with npm install and npm start, and its test commands are the package's scripts", () => {
    const commands = under("Quick start")
      .flatMap((block) => block.text.split("\n"))
      .map((line) => line.replace(/#.*/, "").trim())
      .filter(Boolean);
    expect(commands).toEqual(["npm install", "npm start", "npm test", "npm run test:unit"]);
    expect(scripts).toEqual(expect.arrayContaining(["start", "test", "test:unit"]));
  });

  it("answers its one call with the answer it shows", async () => {
    const shown = /^## One call$[\s\S]*?^```json\n([\s\S]*?)^```$/m.exec(readme)?.[1];
    expect(JSON.parse(await server.run(blockUnder("One call")))).toEqual(
      JSON.parse(shown ?? "null"),
    );
  });

  it("makes its one rule change through a second person's approval, and the API serves it", {
    timeout: 120_000,
  }, async () => {
    expect(await server.run(blockUnder("One rule change"))).toContain(
      "the audit trail holds: 4 entries",
    );
    const served = async () => {
      const answer = await fetch(`${server.url}/v1/select`, {
        method: "POST",
        body: JSON.stringify({
          procedure: "ecmo-cannula-insertion-percutaneous",
          dateOfBirth: "2021-03-01",
          dateOfService: "2026-11-24",
        }),
      });
      return JSON.stringify(await answer.json());
    };
    await expect.poll(served, { timeout: 15_000 }).toContain("through the skin, percutaneously");
  });

  it("has no shell block that this file does not run", () => {
    expect(blocks.map((block) => block.heading)).toEqual([
      "Quick start",
      "Quick start",
      "One call",
      "One rule change",
    ]);
  });
});

describe("npx code-rules, as the documents write the command", () => {
  it("runs the package's own bin, which the walk-throughs run for it", async () => {
    const help = async (...command: string[]) =>
      (await promisify(execFile)(command[0] ?? "", [...command.slice(1), "--help"], { cwd: ROOT }))
        .stdout;
    expect(await help("npx", "code-rules")).toBe(await help("node", CLI_FILE));
  });
});

describe("every walk-through of docs/, run as written on the same npm start", () => {
  it("finds the walk-throughs it runs", () => {
    expect(walkThroughs.length).toBeGreaterThan(0);
  });

  it.each(walkThroughs)("runs $name", { timeout: 180_000 }, async ({ text }) => {
    await expect(server.run(text)).resolves.toBeTypeOf("string");
  });
});
