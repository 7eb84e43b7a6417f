import { describe, expect, it } from "vitest";
import { describeRegion, ruleSetImpact } from "../../core/impact.js";
import { byPayer, byWeight, grams } from "./support/limited-rule-sets.js";
import { validated } from "./support/rule-sets.js";

describe("the impact of a change limited to one weight range or one payer", () => {
  it("says the weights where a moved weight edge changes the code, and only those", () => {
    const after = byWeight();
    after.rules[0] = {
      ...after.rules[0],
      weightGrams: { upper: grams(1600, false) },
    } as (typeof after.rules)[0];
    after.rules[1] = {
      ...after.rules[1],
      weightGrams: { lower: grams(1600), upper: grams(2500) },
    } as (typeof after.rules)[1];
    expect(ruleSetImpact(validated(byWeight()), validated(after)).map(describeRegion)).toEqual([
      "later-day: all ages, dates of service from 2015-01-01: 99480 or 99478 or 99479 → 99480 or 99478 or 99479 (weighing 1,500 through 1,599 g: 99479 → 99478)",
    ]);
  });

  it("says the payer whose code changes", () => {
    const after = byPayer();
    after.rules[0] = { ...after.rules[0], code: "G0501" } as (typeof after.rules)[0];
    expect(ruleSetImpact(validated(byPayer()), validated(after)).map(describeRegion)).toEqual([
      "gi-sedation: all ages, dates of service from 2015-01-01: G0500 or 99152 → G0501 or 99152 (for medicare: G0500 → G0501)",
    ]);
  });
});
