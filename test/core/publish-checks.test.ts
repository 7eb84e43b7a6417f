import { describe, expect, it } from "vitest";
import { validateForPublish } from "../../core/publish-checks.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import { validateRuleSet } from "../../core/validate.js";
import { bound, procedure, rule, splitAtSix } from "./support/rule-sets.js";

const problemsOf = (...rules: unknown[]): RuleProblem[] => {
  const result = validateForPublish({ procedures: [procedure()], rules });
  return result.ok ? [] : result.error;
};

const young = (text: string) =>
  rule("young", { text, band: { lower: bound(0, "years"), upper: bound(5, "years") } });
const older = (text: string, lower = bound(6, "years")) =>
  rule("older", { code: "33952", text, band: { lower } });

describe("validateForPublish", () => {
  it("accepts texts that name only the service", () => {
    expect(problemsOf(...splitAtSix())).toEqual([]);
    expect(
      problemsOf(
        young("Place a central line through a central vein, exiting at the entry site"),
        older("Insert a tunneled central venous device with a port under the skin"),
      ),
    ).toEqual([]);
  });

  it("refuses a text that states an age, naming the phrase and offering the band's label", () => {
    const child = rule("child", { band: { lower: bound(0, "years"), upper: bound(11, "years") } });
    expect(
      problemsOf(child, older("Insert a cannula, patients 6+ years", bound(12, "years"))),
    ).toEqual([
      {
        ruleId: "older",
        field: "text",
        message:
          'says "6+ years": the band states the ages (12 years and older); say only the service',
      },
    ]);
  });

  it("refuses an age stated in any words, even one the band holds", () => {
    expect(
      problemsOf(
        young("Insert a cannula, child younger than 6 years"),
        older("Insert a cannula, age 6 and over"),
      ).map(({ ruleId, message }) => [ruleId, message]),
    ).toEqual([
      [
        "young",
        'says "child younger than 6 years": the band states the ages (birth through 5 years); say only the service',
      ],
      [
        "older",
        'says "age 6 and over": the band states the ages (6 years and older); say only the service',
      ],
    ]);
  });

  it("names every phrase of a text in one problem", () => {
    expect(
      problemsOf(young("Care of a newborn, 28 days or younger"), older("Insert a cannula")),
    ).toEqual([
      expect.objectContaining({
        ruleId: "young",
        message:
          'says "newborn", "28 days or younger": the band states the ages (birth through 5 years); say only the service',
      }),
    ]);
  });

  it("leaves a stored version whose text states ages to the loader's checks, which accept it", () => {
    const stored = {
      procedures: [procedure()],
      rules: [young("Insert a cannula, birth through 5 years"), older("Insert a cannula")],
    };
    expect(validateRuleSet(stored).ok).toBe(true);
    expect(validateForPublish(stored).ok).toBe(false);
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
        young("Insert a cannula, younger than 6 years"),
        older("Insert a cannula", bound(7, "years")),
      ).map((p) => p.field),
    ).toEqual(["band.lower", "text"]);
  });
});
