import { describe, expect, it } from "vitest";
import { type CheckRequest, checkCode } from "../../core/check.js";
import type { RuleSet } from "../../core/rule-set.js";
import { validateRuleSet } from "../../core/validate.js";
import { readShippedRules } from "./support/shipped-rules.js";

const shipped = validateRuleSet(readShippedRules());
const rules = (): RuleSet => {
  if (!shipped.ok) throw new Error("the shipped rules do not validate");
  return shipped.value;
};

const check = (request: CheckRequest) => checkCode(rules(), request);

const verdictOf = (request: CheckRequest) => {
  const result = check(request);
  if (!result.ok) return result.error.kind;
  const { consistent, expected, selections } = result.value;
  return { consistent, expected, procedures: selections.map((selection) => selection.procedure) };
};

const onService = { dateOfService: "2026-11-24" };

describe("checkCode", () => {
  it("finds 33952 inconsistent the day before the 6th birthday, and consistent on it", () => {
    expect(verdictOf({ code: "33952", dateOfBirth: "2020-11-25", ...onService })).toEqual({
      consistent: false,
      expected: ["33951"],
      procedures: ["ecmo-cannula-insertion-percutaneous"],
    });
    expect(verdictOf({ code: "33952", dateOfBirth: "2020-11-24", ...onService })).toEqual({
      consistent: true,
      expected: ["33952"],
      procedures: ["ecmo-cannula-insertion-percutaneous"],
    });
  });

  it("says why, in one sentence naming the billed code and the band that decides", () => {
    const result = check({ code: "33952", dateOfBirth: "2020-11-25", ...onService });
    expect(result.ok && result.value.explanation).toBe(
      "33952 is not consistent with the age: 5 years old on 2026-11-24 (completed years); 'birth through 5 years' selects 33951",
    );
  });

  describe("names what decided besides the age, as the selection's explanation says it", () => {
    const explanationOf = (request: CheckRequest) => {
      const result = check(request);
      return result.ok ? result.value.explanation : result.error.kind;
    };
    const laterDay = {
      procedure: "intensive-care-not-critical-subsequent-day",
      dateOfBirth: "2026-11-01",
      weightGrams: 1500,
      ...onService,
    };
    const giSedation = {
      procedure: "moderate-sedation-initial-by-endoscopist-gi-endoscopy",
      dateOfBirth: "2019-01-15",
      dateOfService: "2025-06-01",
    };
    const preterm = {
      procedure: "inguinal-hernia-repair-initial-reducible",
      dateOfBirth: "2026-09-01",
      dateOfService: "2026-10-13",
      gestationalAgeAtBirth: { weeks: 32, days: 0 },
    };

    it("the present weight, for a code chosen by weight and for one it rules out", () => {
      expect(explanationOf({ code: "99479", ...laterDay })).toBe(
        "99479 is consistent with the age and the present weight: 23 days old on 2026-11-24 (completed days), weighing 1,500 g; 'all ages' selects 99479",
      );
      expect(explanationOf({ code: "99478", ...laterDay })).toBe(
        "99478 is not consistent with the age and the present weight: 23 days old on 2026-11-24 (completed days), weighing 1,500 g; 'all ages' selects 99479",
      );
    });

    it("the payer", () => {
      expect(explanationOf({ code: "G0500", payer: "medicare", ...giSedation })).toBe(
        "G0500 is consistent with the age and the payer: 6 years old on 2025-06-01 (completed years), payer medicare; '5 years and older' selects G0500",
      );
    });

    it("the gestational age at birth", () => {
      expect(explanationOf({ code: "49491", ...preterm })).toBe(
        "49491 is consistent with the age and the gestational age at birth: 1 month old on 2026-10-13 (completed months), born at 32 weeks 0 days, 38 weeks 0 days after conception; 'birth through 5 months' selects 49491",
      );
    });

    it("not an input given where no rule of the code's selection limits it", () => {
      // Under 5, the endoscopist's 99151 holds for every payer: the payer given chose nothing.
      expect(
        explanationOf({
          code: "99151",
          payer: "medicare",
          ...giSedation,
          dateOfBirth: "2022-01-15",
        }),
      ).toBe(
        "99151 is consistent with the age: 3 years old on 2025-06-01 (completed years); 'birth through 4 years' selects 99151",
      );
      expect(
        explanationOf({
          code: "33952",
          weightGrams: 20_000,
          dateOfBirth: "2020-11-24",
          ...onService,
        }),
      ).toMatch(/^33952 is consistent with the age: /);
    });
  });

  it("says each fact once: the age once, and a band and code two procedures share once", () => {
    const before2015 = check({
      code: "33960",
      dateOfBirth: "1980-01-01",
      dateOfService: "2014-06-01",
    });
    expect(before2015.ok && before2015.value.explanation).toBe(
      "33960 is consistent with the age: 34 years old on 2014-06-01 (completed years); 'all ages' selects 33960",
    );
    const after = check({ code: "33960", dateOfBirth: "1980-01-01", ...onService });
    expect(after.ok && after.value.explanation).toBe(
      "33960 is not in effect on 2026-11-24 (in effect from 2000-01-01 to 2014-12-31): 46 years old on 2026-11-24 (completed years); 'all ages' selects 33946; 'all ages' selects 33947",
    );
  });

  it("says a billed code not in effect on the date of service is that, naming its dates", () => {
    // 36572 (a PICC placed with imaging) exists from 2019; in 2018 the same service was 36568.
    const result = check({ code: "36572", dateOfBirth: "2015-03-01", dateOfService: "2018-06-01" });
    expect(result.ok && result.value).toMatchObject({
      consistent: false,
      expected: ["36568"],
      explanation:
        "36572 is not in effect on 2018-06-01 (in effect from 2019-01-01): 3 years old on 2018-06-01 (completed years); 'birth through 4 years' selects 36568",
    });
  });

  it("answers for each procedure a code belongs to, listing each expected code once", () => {
    // 33960 was both VV and VA initiation before 2015; 36822 every cannula insertion.
    expect(
      verdictOf({ code: "33960", dateOfBirth: "1980-01-01", dateOfService: "2014-06-01" }),
    ).toEqual({
      consistent: true,
      expected: ["33960"],
      procedures: ["ecmo-initiation-vv", "ecmo-initiation-va"],
    });
    expect(verdictOf({ code: "33960", dateOfBirth: "1980-01-01", ...onService })).toEqual({
      consistent: false,
      expected: ["33946", "33947"],
      procedures: ["ecmo-initiation-vv", "ecmo-initiation-va"],
    });
    expect(verdictOf({ code: "36822", dateOfBirth: "2020-11-25", ...onService })).toMatchObject({
      consistent: false,
      expected: ["33951", "33953", "33955"],
    });
  });

  it("checks against the named procedure only", () => {
    expect(
      verdictOf({
        code: "33960",
        procedure: "ecmo-initiation-va",
        dateOfBirth: "1980-01-01",
        ...onService,
      }),
    ).toEqual({ consistent: false, expected: ["33947"], procedures: ["ecmo-initiation-va"] });
  });

  it("refuses a code no rule has, or one the named procedure does not have", () => {
    expect(verdictOf({ code: "99999", dateOfBirth: "2020-11-25", ...onService })).toBe(
      "unknown-code",
    );
    expect(
      verdictOf({
        code: "33952",
        procedure: "ecmo-initiation-vv",
        dateOfBirth: "2020-11-25",
        ...onService,
      }),
    ).toBe("unknown-code");
    expect(
      verdictOf({ code: "33952", procedure: "nope", dateOfBirth: "2020-11-25", ...onService }),
    ).toBe("unknown-procedure");
  });

  it("refuses an age that spans a band edge, as select does: it never guesses", () => {
    const result = check({ code: "33952", age: { value: 71, unit: "months" }, ...onService });
    expect(result.ok).toBe(true);
    const atEdge = check({ code: "99468", age: { value: 0, unit: "years" }, ...onService });
    expect(atEdge).toMatchObject({
      ok: false,
      error: { kind: "ambiguous-age", decidingUnit: "days" },
    });
  });

  it("refuses when no procedure of the code has a rule on the date of service", () => {
    expect(
      verdictOf({ code: "33952", dateOfBirth: "1980-01-01", dateOfService: "1990-01-01" }),
    ).toBe("no-rule-in-effect");
  });

  it("passes on the core's refusal of impossible input", () => {
    expect(verdictOf({ code: "33952", dateOfBirth: "2027-01-01", ...onService })).toBe(
      "service-before-birth",
    );
  });
});
