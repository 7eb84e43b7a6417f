import { describe, expect, it } from "vitest";
import { validateForPublish } from "../../core/publish-checks.js";
import {
  cellId,
  placeOf,
  problemsAt,
  problemsOfProcedure,
} from "../../studio/web/cell-problems.js";
import { keyWords } from "../../studio/web/content.js";
import {
  setDeclaredPayers,
  setGestationEnd,
  setPayerLimit,
  setWeightEnd,
} from "../../studio/web/limit-edits.js";
import { cellProblemInWords, ruleProblemInWords } from "../../studio/web/problem-words.js";
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

  it("puts each limit's problem at that limit's cell, saying which end it is about", () => {
    const rule = "intensive-care-not-critical-subsequent-day-99478";
    const typed = setWeightEnd(shipped, rule, "upper", "15.5" as unknown as number);
    const [problem] = problemsOf(typed).filter((one) => one.ruleId === rule);
    if (!problem) throw new Error("no problem found");
    expect(placeOf(problem, typed)).toEqual({ kind: "cell", rule, cell: "weight" });
    expect(cellProblemInWords(problem, keyWords(typed))).toBe("the through value must be a number");
    const gestation = setGestationEnd(
      shipped,
      "inguinal-hernia-repair-initial-reducible-49491",
      "gestationalAgeAtBirth",
      "lower",
      { value: 40, unit: "weeks" },
    );
    expect(problemsOf(gestation).map((one) => placeOf(one, gestation))).toContainEqual({
      kind: "cell",
      rule: "inguinal-hernia-repair-initial-reducible-49491",
      cell: "atBirth",
    });
  });

  it("puts a payer limit's problem at its payers, and a program typed badly at the procedure's programs", () => {
    const sedation = "moderate-sedation-initial-by-endoscopist-gi-endoscopy";
    const none = setPayerLimit(shipped, `${sedation}-g0500`, "only", []);
    expect(problemsOf(none).map((one) => placeOf(one, none))).toContainEqual({
      kind: "cell",
      rule: `${sedation}-g0500`,
      cell: "payers",
    });
    const typed = setDeclaredPayers(shipped, sedation, ["Medicare"]);
    const places = problemsOf(typed).map((one) => placeOf(one, typed));
    expect(places).toContainEqual({ kind: "declared-payers", procedure: sedation });
    // Its rules, whose procedure no longer passes, report it at the procedure, not at their cells.
    expect(places.filter((place) => place.kind === "cell")).toEqual([]);
    expect(problemsOfProcedure(problemsOf(typed), typed, sedation)).toHaveLength(1);
  });

  it("gives each cell an id the problem list links to", () => {
    expect(cellId(RULE_33951, "ages")).toBe(`edit-${RULE_33951}-ages`);
  });
});
