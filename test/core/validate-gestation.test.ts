import { describe, expect, it } from "vitest";
import { problemsOf } from "./support/problems.js";
import { procedure, rule, splitByGestation, weeks } from "./support/rule-sets.js";

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
