import { describe, expect, it } from "vitest";
import { validateRuleSet } from "../../core/validate.js";
import { type Draft, setCoverage, setGestationBound } from "../../studio/web/draft.js";
import { editableShippedRules } from "../support/rule-sets.js";

const PRETERM = "inguinal-hernia-repair-initial-reducible-49491";
const HERNIA = "inguinal-hernia-repair-initial-reducible";

const shipped = validateRuleSet(editableShippedRules());
if (!shipped.ok) throw new Error("the shipped rules do not validate");
const draft: Draft = { baseVersion: 1, content: shipped.value };
const ruleIndex = draft.content.rules.findIndex((rule) => rule.id === PRETERM);
const procedureIndex = draft.content.procedures.findIndex((p) => p.key === HERNIA);
const ruleOf = (d: Draft) => d.content.rules[ruleIndex];
const problemsOf = (d: Draft) => {
  const checked = validateRuleSet(d.content);
  return checked.ok ? [] : checked.error;
};

describe("a draft's limits by age from conception", () => {
  it("moves one bound and keeps the other", () => {
    const moved = setGestationBound(draft, ruleIndex, "gestationalAgeAtBirth", "upper", {
      value: 36,
      unit: "weeks",
      inclusive: false,
    });
    expect(ruleOf(moved)?.gestationalAgeAtBirth).toEqual({
      upper: { value: 36, unit: "weeks", inclusive: false },
    });
    expect(ruleOf(moved)?.postConceptionAge).toEqual(ruleOf(draft)?.postConceptionAge);
    // Born at 36 weeks, no rule of the band holds any more: the validator says so.
    expect(
      problemsOf(moved)
        .map((p) => p.message)
        .join("\n"),
    ).toContain("for gestational ages at birth 36 weeks 0 days to 36 weeks 6 days");
  });

  it("takes the limit away with its last bound, and the draft left unchanged stays valid", () => {
    const none = setGestationBound(draft, ruleIndex, "postConceptionAge", "upper", undefined);
    expect(ruleOf(none)?.postConceptionAge).toBeUndefined();
    expect(ruleOf(draft)?.postConceptionAge).toBeDefined();
    expect(problemsOf(draft)).toEqual([]);
  });
});

describe("a draft's declared coverage", () => {
  it("declares where coverage stops, and takes the declaration away with its last end", () => {
    const stops = setCoverage(draft, procedureIndex, "stopsAt", { value: 5, unit: "years" });
    expect(stops.content.procedures[procedureIndex]?.coverage).toEqual({
      stopsAt: { value: 5, unit: "years" },
    });
    // The bands go on past 5 years, so the validator names the contradiction.
    expect(problemsOf(stops).map((p) => p.message)).toEqual([
      expect.stringContaining(
        `has no upper bound, but ${HERNIA} declares its coverage stops at 5 years`,
      ),
    ]);
    const none = setCoverage(stops, procedureIndex, "stopsAt", undefined);
    expect(none.content.procedures[procedureIndex]?.coverage).toBeUndefined();
  });
});
