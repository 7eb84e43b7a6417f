import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const coreDir = fileURLToPath(new URL("../../lambda/core/", import.meta.url));
const sources = readdirSync(coreDir)
  .filter((name) => name.endsWith(".ts"))
  .map((name) => ({ name, text: readFileSync(join(coreDir, name), "utf8") }));

const importsOf = (text: string): string[] =>
  [...text.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1] ?? "");

describe("lambda/core", () => {
  it("has sources to check", () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  it.each(sources)("$name imports only zod and other core modules", ({ text }) => {
    for (const specifier of importsOf(text)) {
      expect(specifier).toMatch(/^(\.\/[a-z-]+\.js|zod\/mini)$/);
    }
  });

  it.each(sources)("$name never reads the clock", ({ text }) => {
    expect(text).not.toMatch(/\bDate\.now\b|new Date\b|performance\.now|process\./);
  });
});
