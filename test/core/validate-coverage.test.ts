import { describe, expect, it } from "vitest";
import { problemsOf, withRules } from "./support/problems.js";
import { bound, procedure, rule, splitAtSix } from "./support/rule-sets.js";

describe("validateRuleSet", () => {
  it("refuses two bands of one procedure that overlap on overlapping effective periods", () => {
    const [young] = splitAtSix();
    const overlapping = rule("older", {
      band: { label: "5 years and older", lower: bound(5, "years") },
    });
    expect(problemsOf(withRules(young, overlapping))).toContainEqual({
      ruleId: "older",
      field: "band",
      message:
        "band '5 years and older' overlaps band 'birth through 5 years' of rule young on overlapping effective periods",
    });
  });

  it("allows the same band twice when the effective periods do not overlap", () => {
    const before = rule("old-code", {
      code: "36822",
      effective: { from: "2000-01-01", to: "2014-12-31" },
    });
    expect(problemsOf(withRules(before, rule("new-code")))).toEqual([]);
  });

  it("refuses a gap between two bands", () => {
    const [young] = splitAtSix();
    const late = rule("older", { band: { label: "7 years and older", lower: bound(7, "years") } });
    expect(problemsOf(withRules(young, late))).toContainEqual({
      ruleId: "older",
      field: "band.lower",
      message:
        "on dates of service from 2015-01-01, ages from 6 years up to 7 years are covered by no band of cannula-insertion",
    });
  });

  it("refuses bands that stop before the oldest age without a declared stop", () => {
    const [young] = splitAtSix();
    expect(problemsOf(withRules(young))).toContainEqual(
      expect.objectContaining({
        ruleId: "young",
        field: "band.upper",
        message: expect.stringContaining("ages from 6 years on are covered by no band"),
      }),
    );
  });

  it("refuses bands that start after birth without a declared start", () => {
    const [, older] = splitAtSix();
    expect(problemsOf(withRules(older))).toContainEqual(
      expect.objectContaining({
        ruleId: "older",
        field: "band.lower",
        message: expect.stringContaining("ages from birth up to 6 years"),
      }),
    );
  });

  it("accepts coverage that starts and stops where the procedure declares it does", () => {
    const [, older] = splitAtSix();
    const bounded = rule("older", {
      ...older,
      band: { label: "6 through 17 years", lower: bound(6, "years"), upper: bound(17, "years") },
    });
    const declared = procedure("cannula-insertion", {
      coverage: { startsAt: { value: 6, unit: "years" }, stopsAt: { value: 18, unit: "years" } },
    });
    expect(problemsOf({ procedures: [declared], rules: [bounded] })).toEqual([]);
  });

  it("refuses a band that runs past the declared end of coverage", () => {
    const declared = procedure("cannula-insertion", {
      coverage: { stopsAt: { value: 6, unit: "years" } },
    });
    expect(problemsOf({ procedures: [declared], rules: splitAtSix() })).toContainEqual(
      expect.objectContaining({
        ruleId: "older",
        field: "band.upper",
        message: expect.stringContaining("declares its coverage stops at 6 years"),
      }),
    );
  });

  it("refuses an edge where days meet months only for some dates of birth", () => {
    const neonate = rule("neonate", {
      band: { label: "first 30 days", lower: bound(0, "days"), upper: bound(29, "days") },
    });
    const infant = rule("infant", { band: { label: "1 month on", lower: bound(1, "months") } });
    expect(problemsOf(withRules(neonate, infant))).toContainEqual(
      expect.objectContaining({
        ruleId: "infant",
        field: "band.lower",
        message: expect.stringContaining("only for some dates of birth"),
      }),
    );
  });

  it("accepts an edge where days and months meet in a fixed order, as 28 days before 24 months", () => {
    const neonate = rule("neonate", {
      band: { label: "28 days or younger", lower: bound(0, "days"), upper: bound(28, "days") },
    });
    const infant = rule("infant", {
      band: {
        label: "29 days through 24 months",
        lower: bound(29, "days"),
        upper: bound(24, "months", false),
      },
    });
    const child = rule("child", { band: { label: "2 years and older", lower: bound(2, "years") } });
    expect(problemsOf(withRules(neonate, infant, child))).toEqual([]);
  });

  it("checks coverage separately in each stretch of dates of service", () => {
    const [young, older] = splitAtSix();
    const endsEarly = { ...older, effective: { from: "2015-01-01", to: "2019-12-31" } };
    expect(problemsOf(withRules(young, endsEarly))).toContainEqual(
      expect.objectContaining({
        ruleId: "young",
        message: expect.stringContaining(
          "on dates of service from 2020-01-01, ages from 6 years on",
        ),
      }),
    );
  });
});
