import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AgeBand } from "../../core/age-band.js";
import { checkCode } from "../../core/check.js";
import { byBandYoungestFirst } from "../../core/code-order.js";
import type { RuleSet } from "../../core/rule-set.js";
import { select } from "../../core/select.js";
import { critical } from "./support/select-rule-sets.js";
import { shippedRules } from "./support/shipped-rules.js";

const band = (lower: string, upper?: string): AgeBand => {
  const bound = (text: string) => {
    const [value, unit] = text.split(" ");
    return { value: Number(value), unit: unit as "days" | "months" | "years", inclusive: true };
  };
  return { lower: bound(lower), ...(upper ? { upper: bound(upper) } : {}) };
};

/** The same rules as `ruleSet`, listed in any order: as the store, or another file layout, may. */
const anyOrderOf = (ruleSet: RuleSet) =>
  fc
    .shuffledSubarray(ruleSet.rules, {
      minLength: ruleSet.rules.length,
      maxLength: ruleSet.rules.length,
    })
    .map((rules): RuleSet => ({ ...ruleSet, rules }));

const RUNS = { numRuns: 40 };

describe("the order of codes: by band, youngest first, then by code", () => {
  it("puts the band that starts younger first, then the one that stops younger, then the lower code", () => {
    const codes = [
      { code: "99475", band: band("2 years", "5 years") },
      { code: "99466", band: band("0 days") },
      { code: "99471", band: band("29 days", "23 months") },
      { code: "33946", band: band("0 days") },
      { code: "99468", band: band("0 days", "28 days") },
    ];
    expect([...codes].sort(byBandYoungestFirst).map(({ code }) => code)).toEqual([
      "99468",
      "33946",
      "99466",
      "99471",
      "99475",
    ]);
  });

  it("orders bounds in different units by the age they stand for: 29 days before 2 months, 11 months before 1 year", () => {
    const ordered = [
      { code: "c", band: band("1 years") },
      { code: "b", band: band("2 months") },
      { code: "d", band: band("11 months") },
      { code: "a", band: band("29 days") },
    ].sort(byBandYoungestFirst);
    expect(ordered.map(({ code }) => code)).toEqual(["a", "b", "d", "c"]);
  });

  it("answers a check's expected codes and selections in that order, whatever order the rules are held in", () => {
    // 33960 was both VV and VA initiation; both now have a code for all ages.
    fc.assert(
      fc.property(anyOrderOf(shippedRules()), (ruleSet) => {
        const result = checkCode(ruleSet, {
          code: "33960",
          dateOfBirth: "1980-01-01",
          dateOfService: "2026-11-24",
        });
        expect(result.ok && result.value.expected).toEqual(["33946", "33947"]);
        expect(result.ok && result.value.selections.map(({ code }) => code)).toEqual([
          "33946",
          "33947",
        ]);
      }),
      RUNS,
    );
  });

  it("answers an ambiguous age's codes, and a procedure's codes for other ages, in that order too", () => {
    fc.assert(
      fc.property(anyOrderOf(critical), (ruleSet) => {
        const request = { procedure: "critical-care", dateOfService: "2026-11-24" } as const;
        expect(select(ruleSet, { ...request, age: { value: 0, unit: "years" } })).toMatchObject({
          ok: false,
          error: { kind: "ambiguous-age", codes: ["99468", "99471"] },
        });
        const notCovered = select(ruleSet, { ...request, age: { value: 6, unit: "years" } });
        expect(
          !notCovered.ok && "codesByAge" in notCovered.error && notCovered.error.codesByAge,
        ).toEqual([
          { code: "99468", band: "birth through 28 days" },
          { code: "99471", band: "29 days through 23 months" },
          { code: "99475", band: "2 through 5 years" },
        ]);
      }),
      RUNS,
    );
  });
});
