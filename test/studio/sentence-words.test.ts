import { describe, expect, it } from "vitest";
import { validateForPublish } from "../../core/publish-checks.js";
import type { Content } from "../../studio/web/content.js";
import { keyWords } from "../../studio/web/content.js";
import { setDeclaredPayers, setPayerLimit, setWeightEnd } from "../../studio/web/limit-edits.js";
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
  /ecmo-cannula|intensive-care-|moderate-sedation-/,
  /lower bound|upper bound/,
  /weightGrams|gestationalAgeAtBirth|postConceptionAge|under payers|declared under/,
];

const NICU = "intensive-care-not-critical-subsequent-day";
const SEDATION = "moderate-sedation-initial-by-endoscopist-gi-endoscopy";

const edits: Readonly<Record<string, Content>> = {
  "an overlap": setAges(shipped, RULE_33952, { from: years(5) }),
  "a gap": setAges(shipped, RULE_33952, { from: years(8) }),
  "ages the wrong way round": setAges(shipped, RULE_33951, { from: years(9), through: years(3) }),
  "an end before the start": setEffective(shipped, RULE_33951, "to", "2014-06-30"),
  "an age in the text": setText(shipped, RULE_33951, "text", "Insert a cannula, 6+ years"),
  "no rule from an age on": removeRule(shipped, RULE_33952),
  "weights the wrong way round": setWeightEnd(shipped, `${NICU}-99478`, "lower", 2000),
  "a payer program no rule covers": setPayerLimit(shipped, `${SEDATION}-99152`, "only", ["other"]),
  "a payer program the procedure does not list": setPayerLimit(
    shipped,
    `${SEDATION}-99152`,
    "except",
    ["tricare"],
  ),
  "a payer program typed in capitals": setDeclaredPayers(shipped, SEDATION, ["Medicare"]),
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

  it("says a range of weights the wrong way round by its ends, as they are typed", () => {
    expect(said(edits["weights the wrong way round"] ?? shipped)).toContain(
      "no weight is in this range: the from value is above the through value",
    );
  });

  it("says a payer program left uncovered, and one not listed, by the procedure's name", () => {
    expect(said(edits["a payer program no rule covers"] ?? shipped).join("\n")).toContain(
      "for payer commercial, no rule covers ages 5 years and older of Moderate sedation",
    );
    expect(said(edits["a payer program the procedure does not list"] ?? shipped)).toContain(
      "names tricare, which Moderate sedation, first period, given by the clinician who performs a GI endoscopy does not list among its payer programs (commercial, medicaid, medicare, other)",
    );
  });

  it("leaves a sentence with nothing to say otherwise as it was", () => {
    expect(sentenceInWords("the edit changes nothing", new Map([[ECMO, "ECMO"]]))).toBe(
      "the edit changes nothing",
    );
  });
});
