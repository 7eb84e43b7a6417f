import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonRuleText } from "../../rule-files/parse-rule-text.js";

const values = fc.jsonValue({ maxDepth: 5 });

describe("a JSON rule file's text", () => {
  it("reads as JSON.parse reads it wherever no object holds a key twice", () => {
    fc.assert(
      fc.property(values, (value) => {
        const text = JSON.stringify({ k: value, nested: { k: value, list: [value, { k: 1 }] } });
        expect(parseJsonRuleText("rules.json", text)).toEqual({
          ok: true,
          value: JSON.parse(text),
        });
      }),
      { numRuns: 300 },
    );
  });

  it("is refused where any one object, however deep, holds a key twice", () => {
    fc.assert(
      fc.property(values, (value) => {
        const held = JSON.stringify(value);
        const text = `{"k": ${held}, "list": [${held}, {"k": 1, "other": {"k": 2}, "k": 3}]}`;
        expect(parseJsonRuleText("rules.json", text)).toEqual({
          ok: false,
          error: `rules.json:1: key "k" appears twice in one mapping; each key may appear once`,
        });
      }),
      { numRuns: 300 },
    );
  });
});
