import { describe, expect, it } from "vitest";
import { importsOf, sourcesIn } from "../support/source-imports.js";

const sources = sourcesIn("core");

describe("core/", () => {
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
