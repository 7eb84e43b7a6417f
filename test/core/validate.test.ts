import { describe, expect, it } from "vitest";
import { type RuleProblem, validateRuleSet } from "../../core/validate.js";
import {
  bound,
  procedure,
  rule,
  splitAtSix,
  splitByGestation,
  weeks,
} from "./support/rule-sets.js";

const problemsOf = (input: unknown): RuleProblem[] => {
  const result = validateRuleSet(input);
  return result.ok ? [] : result.error;
};

const withRules = (...rules: unknown[]) => ({ procedures: [procedure()], rules });

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

describe("validateRuleSet over age counted from conception", () => {
  const hernia = (...rules: unknown[]) => ({ procedures: [procedure("hernia")], rules });
  const [pretermYoung, pretermOlder, fullTerm, veryPreterm, past6Months] = splitByGestation();

  it("accepts a band split by gestational age at birth and post-conception age", () => {
    expect(problemsOf(hernia(...splitByGestation()))).toEqual([]);
  });

  it("refuses a post-conception gap, naming the gestational ages it opens for", () => {
    const late = { ...pretermOlder, postConceptionAge: { lower: weeks(52) } };
    expect(problemsOf(hernia(pretermYoung, late, fullTerm, veryPreterm, past6Months))).toEqual([
      {
        ruleId: "preterm-older",
        field: "postConceptionAge",
        message:
          "on dates of service from 2015-01-01, for gestational ages at birth 22 weeks 0 days to 36 weeks 6 days, post-conception ages from 51 weeks 0 days up to 52 weeks 0 days are covered by no rule in band 'birth through 5 months' of hernia",
      },
    ]);
  });

  it("refuses post-conception ages covered twice", () => {
    const early = { ...pretermOlder, postConceptionAge: { lower: weeks(48) } };
    expect(problemsOf(hernia(pretermYoung, early, fullTerm, veryPreterm, past6Months))).toEqual([
      {
        ruleId: "preterm-older",
        field: "postConceptionAge",
        message:
          "on dates of service from 2015-01-01, for gestational ages at birth 22 weeks 0 days to 36 weeks 6 days, post-conception ages from 48 weeks 0 days up to 51 weeks 0 days are covered by both preterm-young and preterm-older in band 'birth through 5 months' of hernia",
      },
    ]);
  });

  it("refuses gestational ages at birth that no rule of a split band holds", () => {
    const postTerm = { ...fullTerm, gestationalAgeAtBirth: { lower: weeks(37), upper: weeks(41) } };
    expect(
      problemsOf(hernia(pretermYoung, pretermOlder, postTerm, veryPreterm, past6Months)),
    ).toEqual([
      {
        ruleId: "preterm-young",
        field: "postConceptionAge",
        message:
          "on dates of service from 2015-01-01, for gestational ages at birth 42 weeks 0 days to 44 weeks 6 days, post-conception ages from birth on are covered by no rule in band 'birth through 5 months' of hernia",
      },
    ]);
  });

  it("refuses a rule without limits that shares a band with rules that split it", () => {
    const unlimited = rule("unlimited", { procedure: "hernia", band: fullTerm?.band });
    expect(problemsOf(hernia(...splitByGestation(), unlimited))).toContainEqual(
      expect.objectContaining({
        ruleId: "unlimited",
        field: "postConceptionAge",
        message:
          "on dates of service from 2015-01-01, for gestational ages at birth 37 weeks 0 days to 44 weeks 6 days, post-conception ages from birth on are covered by both full-term and unlimited in band 'birth through 5 months' of hernia",
      }),
    );
  });

  it("refuses an empty gestational range", () => {
    const empty = {
      ...fullTerm,
      gestationalAgeAtBirth: { lower: weeks(37), upper: weeks(37, false) },
    };
    expect(
      problemsOf(hernia(pretermYoung, pretermOlder, empty, veryPreterm, past6Months)),
    ).toContainEqual({
      ruleId: "full-term",
      field: "gestationalAgeAtBirth",
      message: "is empty: no age is in it",
    });
  });

  it("refuses a gestational bound in a unit it does not know", () => {
    const months = {
      ...fullTerm,
      gestationalAgeAtBirth: { lower: { value: 9, unit: "months", inclusive: true } },
    };
    expect(
      problemsOf(hernia(pretermYoung, pretermOlder, months, veryPreterm, past6Months)),
    ).toContainEqual(
      expect.objectContaining({ ruleId: "full-term", field: "gestationalAgeAtBirth.lower.unit" }),
    );
  });

  it("still checks the split bands against the other bands of the procedure", () => {
    expect(problemsOf(hernia(pretermYoung, pretermOlder, fullTerm))).toContainEqual(
      expect.objectContaining({
        ruleId: "full-term",
        field: "band.upper",
        message: expect.stringContaining("ages from 6 months on are covered by no band of hernia"),
      }),
    );
  });
});

describe("validateRuleSet on hostile text", () => {
  const hostile = {
    script: "<script>alert(1)</script>",
    nul: "plain\u0000text",
    escape: "\u001b[2J",
    bidi: "33951\u202e",
  };

  it.each(Object.entries(hostile))(
    "refuses %s in a rule's text, label, source and notes, naming the rule and each field",
    (_name, value) => {
      const problems = problemsOf(
        withRules(
          rule("a", {
            text: value,
            band: { label: value, lower: bound(0, "years") },
            source: value,
            notes: value,
          }),
        ),
      );
      for (const field of ["text", "band.label", "source", "notes"])
        expect(problems).toContainEqual(
          expect.objectContaining({
            ruleId: "a",
            field,
            message: expect.stringMatching(/must not hold/),
          }),
        );
    },
  );

  it.each(Object.entries(hostile))("refuses %s in a procedure's name and notes", (_name, value) => {
    const problems = problemsOf({
      procedures: [procedure("cannula-insertion", { name: value, notes: value })],
      rules: [rule("a")],
    });
    expect(problems.map((p) => [p.procedure, p.field])).toEqual(
      expect.arrayContaining([
        ["cannula-insertion", "name"],
        ["cannula-insertion", "notes"],
      ]),
    );
  });

  it.each([
    ["text", { text: "x".repeat(1001) }, 1000],
    ["source", { source: "x".repeat(501) }, 500],
    ["notes", { notes: "x".repeat(2001) }, 2000],
    ["band.label", { band: { label: "x".repeat(121), lower: bound(0, "years") } }, 120],
    ["id", { id: `a${"-a".repeat(60)}` }, 120],
  ])("bounds the rule's %s", (field, overrides, max) => {
    expect(problemsOf(withRules(rule("a", overrides)))).toContainEqual(
      expect.objectContaining({ field, message: `must be at most ${max} character(s) long` }),
    );
  });

  it("bounds a procedure's name and key", () => {
    const problems = problemsOf({
      procedures: [procedure(`p${"-p".repeat(60)}`, { name: "x".repeat(301) })],
      rules: [rule("a")],
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ field: "name", message: "must be at most 300 character(s) long" }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ field: "key", message: "must be at most 120 character(s) long" }),
    );
  });
});
