import { describe, expect, it } from "vitest";
import { byPayer, byWeight, grams } from "./support/limited-rule-sets.js";
import { problemsOf } from "./support/problems.js";

describe("validateRuleSet over present weight and payer", () => {
  it("accepts a band split by weight, and one split by payer", () => {
    expect(problemsOf(byWeight())).toEqual([]);
    expect(problemsOf(byPayer())).toEqual([]);
  });

  it("refuses weights no rule of a split band holds, below the heaviest", () => {
    const set = byWeight();
    set.rules[1] = {
      ...set.rules[1],
      weightGrams: { lower: grams(1600), upper: grams(2500) },
    } as (typeof set.rules)[1];
    expect(problemsOf(set)).toEqual([
      {
        ruleId: "light",
        field: "weightGrams",
        message:
          "on dates of service from 2015-01-01, for weights from 1,500 g up to 1,600 g, no rule covers band 'all ages' of later-day",
      },
    ]);
  });

  it("refuses weights two rules hold", () => {
    const set = byWeight();
    set.rules[0] = {
      ...set.rules[0],
      weightGrams: { upper: grams(1600, false) },
    } as (typeof set.rules)[0];
    expect(problemsOf(set)).toEqual([
      {
        ruleId: "middle",
        field: "weightGrams",
        message:
          "on dates of service from 2015-01-01, for weights from 1,500 g up to 1,600 g, both light and middle cover band 'all ages' of later-day",
      },
    ]);
  });

  it("refuses an empty weight range", () => {
    const set = byWeight();
    set.rules[2] = {
      ...set.rules[2],
      weightGrams: { lower: grams(5000, false), upper: grams(5000) },
    } as (typeof set.rules)[2];
    expect(problemsOf(set)).toContainEqual({
      ruleId: "heavy",
      field: "weightGrams",
      message: "is empty: no weight is in it",
    });
  });

  it("refuses a declared payer no rule holds, and one two rules hold", () => {
    const set = byPayer();
    set.procedures[0] = {
      ...set.procedures[0],
      payers: ["commercial", "medicaid", "medicare"],
    } as (typeof set.procedures)[0];
    set.rules[1] = {
      ...set.rules[1],
      payers: { only: ["commercial", "medicare"] },
    } as (typeof set.rules)[1];
    expect(problemsOf(set)).toEqual([
      {
        ruleId: "cms",
        field: "payers",
        message:
          "on dates of service from 2015-01-01, for payer medicaid, no rule covers band 'all ages' of gi-sedation",
      },
      {
        ruleId: "cpt",
        field: "payers",
        message:
          "on dates of service from 2015-01-01, for payer medicare, both cms and cpt cover band 'all ages' of gi-sedation",
      },
    ]);
  });

  it("refuses a payer the procedure does not declare, and a limit with both lists or neither", () => {
    const set = byPayer();
    set.rules[0] = {
      ...set.rules[0],
      payers: { only: ["medicare", "tricare"] },
    } as (typeof set.rules)[0];
    expect(problemsOf(set)).toContainEqual({
      ruleId: "cms",
      field: "payers",
      message:
        "names tricare, which gi-sedation does not declare under payers (commercial, medicare)",
    });
    const both = byPayer();
    both.rules[0] = {
      ...both.rules[0],
      payers: { only: ["medicare"], except: ["commercial"] },
    } as (typeof both.rules)[0];
    expect(problemsOf(both)).toContainEqual(
      expect.objectContaining({
        ruleId: "cms",
        field: "payers",
        message: "give exactly one of only or except",
      }),
    );
  });
});
