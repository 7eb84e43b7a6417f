import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCode } from "../../core/check.js";
import { select } from "../../core/select.js";
import { byWeight } from "./support/limited-rule-sets.js";
import { validated } from "./support/rule-sets.js";

describe("selection by present weight", () => {
  const rules = validated(byWeight());
  const twentyDaysOld = {
    procedure: "later-day",
    dateOfBirth: "2026-11-04",
    dateOfService: "2026-11-24",
  };
  const codeAt = (weightGrams: number) => {
    const answer = select(rules, { ...twentyDaysOld, weightGrams });
    return answer.ok ? answer.value.code : answer.error.kind;
  };

  it("selects the code whose weight range holds the weight, on both sides of every edge", () => {
    expect([1, 1499, 1500, 2500, 2501, 5000, 5001].map(codeAt)).toEqual([
      "99478",
      "99478",
      "99479",
      "99479",
      "99480",
      "99480",
      "weight-not-covered",
    ]);
  });

  it("says the weight in the explanation and the text", () => {
    const answer = select(rules, { ...twentyDaysOld, weightGrams: 1400 });
    expect(answer).toMatchObject({
      ok: true,
      value: {
        text: "Insert a cannula, all ages, weighing under 1,500 g",
        explanation:
          "0 years old on 2026-11-24 (completed years), weighing 1,400 g; 'all ages' selects 99478",
      },
    });
  });

  it("refuses without the weight where it decides, naming weightGrams", () => {
    expect(select(rules, twentyDaysOld)).toEqual({
      ok: false,
      error: {
        kind: "ambiguous-age",
        decidingInputs: ["weightGrams"],
        codes: ["99478", "99479", "99480"],
        message:
          "0 years old (20 days) on 2026-11-24 depends on the present weight (99478 or 99479 or 99480 or no code); give weightGrams",
      },
    });
  });

  it("lists the weight ranges for a weight outside every one", () => {
    expect(select(rules, { ...twentyDaysOld, weightGrams: 5200 })).toMatchObject({
      ok: false,
      error: {
        kind: "weight-not-covered",
        codesByWeight: [
          { code: "99478", weight: "under 1,500 g" },
          { code: "99479", weight: "1,500 through 2,500 g" },
          { code: "99480", weight: "2,501 through 5,000 g" },
        ],
      },
    });
  });

  it("is not needed where no rule limits weight, and changes nothing there", () => {
    const plain = validated({
      procedures: [{ key: "cannula-insertion", name: "Cannula" }],
      rules: [
        {
          id: "any",
          procedure: "cannula-insertion",
          code: "33951",
          text: "Insert a cannula",
          band: { lower: { value: 0, unit: "years", inclusive: true } },
          effective: { from: "2015-01-01" },
          source: "test fixture",
        },
      ],
    });
    const request = {
      procedure: "cannula-insertion",
      dateOfBirth: "2020-01-01",
      dateOfService: "2026-01-01",
    };
    expect(select(plain, { ...request, weightGrams: 12_000 })).toEqual(select(plain, request));
  });

  it("checks a billed code against the weight", () => {
    const check = checkCode(rules, { ...twentyDaysOld, code: "99478", weightGrams: 1500 });
    expect(check).toMatchObject({ ok: true, value: { consistent: false, expected: ["99479"] } });
  });

  it("agrees, without the weight, with every weight it stands for or refuses naming it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6000 }), (weightGrams) => {
        const given = select(rules, { ...twentyDaysOld, weightGrams });
        const without = select(rules, twentyDaysOld);
        expect(without.ok).toBe(false);
        if (!without.ok && given.ok)
          expect(without.error).toMatchObject({ decidingInputs: ["weightGrams"] });
        if (!without.ok && given.ok && without.error.kind === "ambiguous-age")
          expect(without.error.codes).toContain(given.value.code);
      }),
    );
  });
});
