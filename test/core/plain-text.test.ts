import { describe, expect, it } from "vitest";
import { plainTextProblem, showHidden, showHiddenInLines } from "../../core/plain-text.js";

describe("plainTextProblem", () => {
  it.each([
    "Insert ECMO/ECLS peripheral cannula(s) through the skin (percutaneous), birth through 5 years",
    "0 days through 28 days; 29 days & older — “quoted”, café, 日本語",
    "https://example.org/a?b=c&d=e#f",
  ])("accepts plain text: %s", (value) => {
    expect(plainTextProblem(value)).toBeUndefined();
  });

  it.each([
    ["a NUL", "a\u0000b", "U+0000 at character 2"],
    ["an escape", "\u001b[2Jcleared", "U+001B at character 1"],
    ["a newline", "one\nversion 99 published", "U+000A at character 4"],
    ["a tab", "a\tb", "U+0009"],
    ["DEL", "a\u007f", "U+007F"],
    ["a C1 control", "a\u009bb", "U+009B"],
    ["a right-to-left override", "33951\u202e29933", "U+202E at character 6"],
    ["a bidirectional isolate", "\u2067x\u2069", "U+2067"],
    ["a right-to-left mark", "a\u200fb", "U+200F"],
    ["a zero-width space", "a\u200bb", "U+200B"],
    ["a line separator", "a\u2028b", "U+2028"],
    ["a lone surrogate", "a\ud800b", "U+D800"],
  ])("refuses %s, naming it by code point", (_name, value, named) => {
    expect(plainTextProblem(value)).toContain(named);
  });

  it.each([
    ["<script>alert(1)</script>", "< at character 1"],
    ["5 > 4", "> at character 3"],
  ])("refuses markup in %j", (value, named) => {
    expect(plainTextProblem(value)).toMatch(/markup/);
    expect(plainTextProblem(value)).toContain(named);
  });
});

describe("showHidden", () => {
  it("writes every hidden character as a JSON escape, so printed text forges no line", () => {
    expect(showHidden("ok\nversion 99 published")).toBe("ok\\u000aversion 99 published");
    expect(showHidden("\u001b[31mred\u001b[0m")).toBe("\\u001b[31mred\\u001b[0m");
    expect(showHidden("33951\u202e29933")).toBe("33951\\u202e29933");
    expect(showHidden("tag\u{e0041}")).toBe("tag\\udb40\\udc41");
  });

  it("leaves plain text, markup included, as it is", () => {
    const plain = "café <b> — 5 years & older";
    expect(showHidden(plain)).toBe(plain);
  });

  it("keeps JSON valid and equal to what it escapes", () => {
    const value = { message: "a\u202eb\u0085c\u{e0041}", actor: "x\u001by" };
    const shown = showHiddenInLines(JSON.stringify(value, null, 2));
    for (const hidden of ["\u202e", "\u0085", "\u001b"]) expect(shown).not.toContain(hidden);
    expect(JSON.parse(shown)).toEqual(value);
  });
});

describe("showHiddenInLines", () => {
  it("keeps the line breaks between lines and escapes the rest", () => {
    expect(showHiddenInLines("one\u001b\ntwo\r")).toBe("one\\u001b\ntwo\\u000d");
  });
});
