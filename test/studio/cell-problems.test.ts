import { describe, expect, it } from "vitest";
import { validateForPublish } from "../../core/publish-checks.js";
import { cellId, placeOf, problemsAt } from "../../studio/web/cell-problems.js";
import { keyWords } from "../../studio/web/content.js";
import { ruleProblemInWords } from "../../studio/web/problem-words.js";
import { setAges, setEffective, setText } from "../../studio/web/rule-edits.js";
import { ECMO, RULE_33951, RULE_33952, shippedContent } from "./shipped-content.js";

const shipped = shippedContent();
const problemsOf = (content: typeof shipped) => {
  const checked = validateForPublish(content);
  return checked.ok ? [] : checked.error;
};

describe("where the grid shows each problem", () => {
  it("puts a problem of a rule's text at its text cell, in words", () => {
    const edited = setText(shipped, RULE_33951, "text", "Insert a cannula in a child");
    const [problem] = problemsOf(edited);
    if (!problem) throw new Error("no problem found");
    expect(placeOf(problem, edited)).toEqual({ kind: "cell", rule: RULE_33951, cell: "text" });
    expect(problemsAt([problem], edited, RULE_33951, "text")).toEqual([problem]);
    expect(ruleProblemInWords(problem, edited, keyWords(edited)).where).toBe(
      "33951, ages birth through 5 years, from 1 January 2015: text",
    );
  });

  it("puts a band's problem at the ages, and an end before the start at the last date", () => {
    const overlapping = setAges(shipped, RULE_33952, { from: { value: 5, unit: "years" } });
    const cells = problemsOf(overlapping).map((problem) => placeOf(problem, overlapping));
    expect(cells).toContainEqual({
      kind: "cell",
      rule: expect.stringContaining(ECMO),
      cell: "ages",
    });
    const inverted = setEffective(shipped, RULE_33951, "to", "2014-01-01");
    expect(problemsOf(inverted).map((problem) => placeOf(problem, inverted))).toContainEqual({
      kind: "cell",
      rule: RULE_33951,
      cell: expect.stringMatching(/^(from|to)$/),
    });
  });

  it("gives each cell an id the problem list links to", () => {
    expect(cellId(RULE_33951, "ages")).toBe(`edit-${RULE_33951}-ages`);
  });
});
