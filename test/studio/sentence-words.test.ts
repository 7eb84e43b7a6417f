import { describe, expect, it } from "vitest";
import { validateForPublish } from "../../core/publish-checks.js";
import type { Content } from "../../studio/web/content.js";
import { keyWords } from "../../studio/web/content.js";
import { removeRule, setAges, setEffective, setText } from "../../studio/web/rule-edits.js";
import { sentenceInWords } from "../../studio/web/sentence-words.js";
import { ECMO, RULE_33951, RULE_33952, shippedContent } from "./shipped-content.js";

const shipped = shippedContent();
const years = (value: number) => ({ value, unit: "years" as const });

/** Every problem the checks find in a working copy, as the page says it. */
const said = (content: Content): string[] => {
  const checked = validateForPublish(content);
  if (checked.ok) throw new Error("the edit should have made a problem");
  const words = keyWords(content, shipped);
  return checked.error.map((problem) => sentenceInWords(problem.message, words));
};

/** What a coding manager must never read: rule-file words, field paths, keys, ISO dates. */
const UNSAID = [
  /\bbands?\b/i,
  /coverage\.\w+/,
  /\b\d{4}-\d{2}-\d{2}\b/,
  /ecmo-cannula/,
  /lower bound|upper bound/,
];

const edits: Readonly<Record<string, Content>> = {
  "an overlap": setAges(shipped, RULE_33952, { from: years(5) }),
  "a gap": setAges(shipped, RULE_33952, { from: years(8) }),
  "ages the wrong way round": setAges(shipped, RULE_33951, { from: years(9), through: years(3) }),
  "an end before the start": setEffective(shipped, RULE_33951, "to", "2014-06-30"),
  "an age in the text": setText(shipped, RULE_33951, "text", "Insert a cannula, 6+ years"),
  "no rule from an age on": removeRule(shipped, RULE_33952),
};

describe("the checks' sentences, as the studio says them", () => {
  it.each(Object.entries(edits))(
    "says %s without rule-file words, keys or ISO dates",
    (_, content) => {
      for (const sentence of said(content))
        for (const unsaid of UNSAID) expect(sentence).not.toMatch(unsaid);
    },
  );

  it("says an overlap by the ages and the other rule, with its dates in words", () => {
    expect(said(edits["an overlap"] ?? shipped)).toContain(
      "ages 5 years and older overlap those of 33951 (ages birth through 5 years, from 1 January 2015), on dates of service both are in effect",
    );
  });

  it("says a gap by its ages, its first date of service in words and the procedure's name", () => {
    expect(said(edits["a gap"] ?? shipped).join("\n")).toContain(
      "on dates of service from 1 January 2015, ages from 6 years up to 8 years are covered by no rule of Insertion of ECMO/ECLS cannula(s)",
    );
  });

  it("leaves a sentence with nothing to say otherwise as it was", () => {
    expect(sentenceInWords("the edit changes nothing", new Map([[ECMO, "ECMO"]]))).toBe(
      "the edit changes nothing",
    );
  });
});
