import { describe, expect, it } from "vitest";
import { diffRuleSets } from "../../core/diff.js";
import { ruleSetImpact } from "../../core/impact.js";
import { validateRuleSet } from "../../core/validate.js";
import type { Content } from "../../studio/web/content.js";
import { diffInWords } from "../../studio/web/diff-words.js";
import { impactInWords } from "../../studio/web/impact-words.js";
import { setDeclaredPayers, setPayerLimit, setWeightEnd } from "../../studio/web/limit-edits.js";
import { setAges, startNewRulesFrom } from "../../studio/web/rule-edits.js";
import { ECMO, shippedContent } from "./shipped-content.js";

const before = shippedContent();
const years = (value: number) => ({ value, unit: "years" as const });
const split = startNewRulesFrom(before, ECMO, "2027-01-01");
const [young = "", old = ""] = split.added;
const after: Content = setAges(
  setAges(split.content, young, { from: years(0), through: years(11) }),
  old,
  { from: years(12) },
);
const NAME =
  "Insertion of ECMO/ECLS cannula(s) into peripheral vessels through the skin (percutaneous)";

const validated = (content: Content) => {
  const checked = validateRuleSet(content);
  if (!checked.ok) throw new Error(JSON.stringify(checked.error));
  return checked.value;
};

describe("a diff as a reviewer reads it", () => {
  const lines = diffInWords(diffRuleSets(before, after), before, after);

  it("names each rule by its procedure, code, ages and dates, never by its id", () => {
    expect(lines.map(({ kind, procedure, rule }) => [kind, procedure, rule])).toEqual([
      ["added", NAME, "33951, ages birth through 11 years, from 1 January 2027"],
      ["changed", NAME, "33951, ages birth through 5 years, from 1 January 2015"],
      ["added", NAME, "33952, ages 12 years and older, from 1 January 2027"],
      ["changed", NAME, "33952, ages 6 years and older, from 1 January 2015"],
    ]);
    expect(JSON.stringify(lines)).not.toContain(`${ECMO}-`);
  });

  it("says each change field by field, in words", () => {
    expect(lines[1]?.fields).toEqual([
      { name: "effective to", before: "no end", after: "31 December 2026" },
    ]);
  });

  it("says a band's change once, as ages, however many of its bounds moved", () => {
    const moved = setAges(before, `${ECMO}-33951`, { from: years(1), through: years(4) });
    const [line] = diffInWords(diffRuleSets(before, moved), before, moved);
    expect(line?.fields).toEqual([
      { name: "ages", before: "birth through 5 years", after: "1 through 4 years" },
    ]);
  });
});

describe("a change to a rule's other limits, as a reviewer reads it", () => {
  const NICU = "intensive-care-not-critical-subsequent-day-99478";
  const SEDATION = "moderate-sedation-initial-by-endoscopist-gi-endoscopy";

  it("says a weight limit once, in words, however many of its bounds moved", () => {
    const moved = setWeightEnd(before, NICU, "upper", 1599);
    const [line] = diffInWords(diffRuleSets(before, moved), before, moved);
    expect(line?.rule).toBe("99478, all ages, weighing under 1,500 g, from 1 January 2009");
    expect(line?.fields).toEqual([
      { name: "weight", before: "weighing under 1,500 g", after: "weighing under 1,600 g" },
    ]);
  });

  it("says a payer limit and the procedure's payer programs as lists of names", () => {
    const changed = setPayerLimit(
      setDeclaredPayers(before, SEDATION, [
        "commercial",
        "medicaid",
        "medicare",
        "other",
        "tricare",
      ]),
      `${SEDATION}-g0500`,
      "only",
      ["medicare", "tricare"],
    );
    const lines = diffInWords(diffRuleSets(before, changed), before, changed);
    expect(lines.map((line) => line.fields)).toEqual([
      [
        {
          name: "payer programs",
          before: "commercial, medicaid, medicare, other",
          after: "commercial, medicaid, medicare, other, tricare",
        },
      ],
      [{ name: "payers", before: "for medicare", after: "for medicare or tricare" }],
    ]);
  });
});

describe("an impact as a coding manager reads it", () => {
  it("says who gets another answer, from which date, by the procedure's name", () => {
    const regions = ruleSetImpact(validated(before), validated(after));
    expect(impactInWords(regions, after, "2026-12-07")).toEqual([
      {
        procedure: NAME,
        who: "ages 6 years through 11 years, dates of service from 1 January 2027",
        change: "33952 → 33951",
        past: false,
      },
    ]);
  });

  it("marks the groups whose dates of service are already past", () => {
    const regions = ruleSetImpact(validated(before), validated(after));
    expect(impactInWords(regions, after, "2027-06-01").map((region) => region.past)).toEqual([
      true,
    ]);
  });
});
