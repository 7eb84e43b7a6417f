import { describe, expect, it } from "vitest";
import { validateRuleSet } from "../../core/validate.js";
import { problemsOf, withRules } from "./support/problems.js";
import { bound, procedure, rule, splitAtSix } from "./support/rule-sets.js";

describe("validateRuleSet", () => {
  it("accepts a procedure whose bands cover every age from birth", () => {
    expect(validateRuleSet(withRules(...splitAtSix())).ok).toBe(true);
  });

  it("refuses input that is not a rule set at all", () => {
    expect(problemsOf("rules")).toEqual([expect.objectContaining({ field: "(rule set)" })]);
    expect(problemsOf({ procedures: [] })).toEqual([expect.objectContaining({ field: "rules" })]);
  });

  it("names the rule and the field of a schema error", () => {
    const problems = problemsOf(
      withRules(
        rule("a", { band: { label: "x", lower: { value: -1, unit: "weeks", inclusive: "yes" } } }),
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: "a",
          field: "band.lower.value",
          message: "must be at least 0",
        }),
        expect.objectContaining({ ruleId: "a", field: "band.lower.unit" }),
        expect.objectContaining({ ruleId: "a", field: "band.lower.inclusive" }),
      ]),
    );
  });

  it("accepts a band label of a version stored before labels were derived, and drops it", () => {
    const result = validateRuleSet(
      withRules(rule("a", { band: { label: "a label that disagrees", lower: bound(0, "years") } })),
    );
    expect(result.ok && result.value.rules[0]?.band).toEqual({ lower: bound(0, "years") });
  });

  it("locates a rule without an id by its position", () => {
    const { id: _, ...anonymous } = rule("x");
    expect(problemsOf(withRules(anonymous))).toContainEqual(
      expect.objectContaining({ ruleId: "rules[0]", field: "id" }),
    );
  });

  it("refuses unknown fields, so a typo never silently drops a bound", () => {
    expect(problemsOf(withRules(rule("a", { bands: {} })))).toContainEqual(
      expect.objectContaining({
        ruleId: "a",
        field: "(rule set)",
        message: expect.stringContaining("bands"),
      }),
    );
  });

  it.each(["3395", "339511", "3395X", "A123", "a1234", 33951])(
    "refuses the malformed code %j",
    (code) => {
      expect(problemsOf(withRules(rule("a", { code })))).toContainEqual(
        expect.objectContaining({ ruleId: "a", field: "code" }),
      );
    },
  );

  it.each(["33951", "0001F", "0500T", "G0463"])("accepts the code %s", (code) => {
    expect(problemsOf(withRules(rule("a", { code })))).toEqual([]);
  });

  it("refuses an inverted band", () => {
    const inverted = rule("a", {
      band: { label: "backwards", lower: bound(6, "years"), upper: bound(5, "years") },
    });
    expect(problemsOf(withRules(inverted))).toContainEqual({
      ruleId: "a",
      field: "band",
      message: "band '6 through 5 years' is inverted: its lower bound is above its upper bound",
    });
  });

  it("refuses an empty band, whose exclusive bounds leave no age between them", () => {
    const empty = rule("a", {
      band: { label: "nothing", lower: bound(5, "years", false), upper: bound(6, "years", false) },
    });
    expect(problemsOf(withRules(empty))).toContainEqual(
      expect.objectContaining({
        ruleId: "a",
        field: "band",
        message: expect.stringContaining("is empty"),
      }),
    );
  });

  it("refuses a band whose days and months cross depending on the date of birth", () => {
    const crossing = rule("a", {
      band: { label: "odd", lower: bound(30, "days"), upper: bound(1, "months", false) },
    });
    expect(problemsOf(withRules(crossing))).toContainEqual(
      expect.objectContaining({
        ruleId: "a",
        field: "band",
        message: expect.stringContaining("depends on the date of birth"),
      }),
    );
  });

  it("refuses duplicate rule ids", () => {
    const [young, older] = splitAtSix();
    expect(problemsOf(withRules(young, { ...older, id: "young" }))).toContainEqual({
      ruleId: "young",
      field: "id",
      message: "rule id young is used more than once",
    });
  });

  it("refuses an effective period that ends before it starts", () => {
    expect(
      problemsOf(withRules(rule("a", { effective: { from: "2015-01-01", to: "2014-12-31" } }))),
    ).toContainEqual({
      ruleId: "a",
      field: "effective.to",
      message: "effective period ends (2014-12-31) before it starts (2015-01-01)",
    });
  });

  it("refuses an impossible effective date", () => {
    expect(problemsOf(withRules(rule("a", { effective: { from: "2015-02-29" } })))).toContainEqual(
      expect.objectContaining({ ruleId: "a", field: "effective.from" }),
    );
  });

  it("refuses a rule of an undeclared procedure, and a procedure without rules", () => {
    const problems = problemsOf({
      procedures: [procedure(), procedure("unused")],
      rules: [rule("a"), rule("b", { procedure: "ghost" })],
    });
    expect(problems).toContainEqual({
      ruleId: "b",
      field: "procedure",
      message: "procedure ghost is not declared under procedures",
    });
    expect(problems).toContainEqual({
      procedure: "unused",
      field: "key",
      message: "procedure unused has no rules",
    });
  });

  it("refuses a procedure declared twice", () => {
    expect(
      problemsOf({ procedures: [procedure(), procedure()], rules: [rule("a")] }),
    ).toContainEqual({
      procedure: "cannula-insertion",
      field: "key",
      message: "procedure cannula-insertion is declared more than once",
    });
  });

  it("reports every problem at once", () => {
    const problems = problemsOf(
      withRules(
        rule("a", { code: "1" }),
        rule("b", { effective: { from: "2015-01-01", to: "2001-01-01" } }),
        rule("b"),
      ),
    );
    expect(new Set(problems.map((p) => `${p.ruleId}:${p.field}`))).toEqual(
      new Set(["a:code", "b:effective.to", "b:id"]),
    );
  });
});
