import { describe, expect, it } from "vitest";
import { validateForPublish } from "../../core/publish-checks.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import { bound, procedure, rule, splitAtSix } from "./support/rule-sets.js";

const problemsOf = (...rules: unknown[]): RuleProblem[] => {
  const result = validateForPublish({ procedures: [procedure()], rules });
  return result.ok ? [] : result.error;
};

const young = (text: string, upper = bound(5, "years")) =>
  rule("young", { text, band: { lower: bound(0, "years"), upper } });
const older = (text: string, lower = bound(6, "years")) =>
  rule("older", { code: "33952", text, band: { lower } });

describe("validateForPublish", () => {
  it("accepts texts that state their band's ages, and texts that state none", () => {
    expect(problemsOf(...splitAtSix())).toEqual([]);
    expect(
      problemsOf(young("Insert a cannula, birth through 5 years"), older("Insert a cannula")),
    ).toEqual([]);
    expect(
      problemsOf(
        young("Insert a cannula, younger than 72 months", bound(6, "years", false)),
        older("Insert a cannula, 72 months and older", bound(72, "months")),
      ),
    ).toEqual([]);
  });

  it("refuses 6 years and older on a band that starts at 5 years, naming the rule and the field", () => {
    expect(
      problemsOf(
        young("Insert a cannula, birth through 4 years", bound(4, "years")),
        older("Insert a cannula, 6 years and older", bound(5, "years")),
      ),
    ).toEqual([
      {
        ruleId: "older",
        field: "text",
        message:
          'says "6 years and older", but the band is 5 years and older; say the band\'s ages',
      },
    ]);
  });

  it("refuses younger than 5 years on a band that ends at 5 years inclusive", () => {
    expect(problemsOf(young("Insert a cannula, younger than 5 years"), older("x"))).toEqual([
      expect.objectContaining({ ruleId: "young", field: "text" }),
    ]);
  });

  it("refuses an open-ended phrase on a band that ends, and a phrase that ends on one that does not", () => {
    expect(
      problemsOf(
        young("Insert a cannula, 0 years and older"),
        older("Insert a cannula, 6 through 17 years"),
      ).map((p) => p.ruleId),
    ).toEqual(["young", "older"]);
  });

  it("refuses a text on a days and months edge stated one month late", () => {
    expect(
      problemsOf(
        rule("infant", {
          text: "Care, 29 days through 24 months",
          band: { lower: bound(0, "days"), upper: bound(24, "months", false) },
        }),
        older("x", bound(2, "years")),
      ),
    ).toEqual([expect.objectContaining({ ruleId: "infant", field: "text" })]);
  });

  it("refuses a band that starts before its procedure's declared start of coverage", () => {
    const declared = procedure("cannula-insertion", {
      coverage: { startsAt: { value: 1, unit: "years" } },
    });
    const result = validateForPublish({ procedures: [declared], rules: splitAtSix() });
    expect(result.ok ? [] : result.error).toEqual([
      {
        ruleId: "young",
        field: "band.lower",
        message:
          "band 'birth through 5 years' starts at birth, but cannula-insertion declares its coverage starts at 1 year",
      },
    ]);
  });

  it("reports text problems beside every other problem", () => {
    expect(
      problemsOf(
        young("Insert a cannula, younger than 5 years"),
        older("Insert a cannula", bound(7, "years")),
      ).map((p) => p.field),
    ).toEqual(["band.lower", "text"]);
  });
});
