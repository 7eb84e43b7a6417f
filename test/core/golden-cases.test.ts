import { describe, expect, it } from "vitest";
import { describeCaseProblem, runGoldenCases } from "../../core/golden-cases.js";
import type { RuleSet } from "../../core/rule-set.js";
import { validateRuleSet } from "../../core/validate.js";
import { readGoldenCases } from "../../rule-files/read-rule-files.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { readShippedRules, SHIPPED_RULES_DIR } from "./support/shipped-rules.js";

const validated = (input: unknown): RuleSet => {
  const result = validateRuleSet(input);
  if (!result.ok) throw new Error("the rule set does not validate");
  return result.value;
};

const shippedCases = (): readonly unknown[] => {
  const read = readGoldenCases(SHIPPED_RULES_DIR);
  if (!read.ok) throw new Error(read.error);
  return read.value;
};

type Case = { name: string; procedure: string; expect: { code?: string; refusal?: string } };

describe("the shipped golden cases", () => {
  const rules = validated(readShippedRules());
  const cases = shippedCases() as Case[];

  it("all hold for the shipped rules", () => {
    expect(runGoldenCases(rules, cases)).toEqual([]);
  });

  it("pin down every procedure and every code of the shipped rules", () => {
    const expectedCodes = new Set(cases.map((c) => c.expect.code));
    const named = new Set(cases.map((c) => c.procedure));
    for (const procedure of rules.procedures) expect(named).toContain(procedure.key);
    for (const rule of rules.rules) expect(expectedCodes).toContain(rule.code);
  });

  it("stand on both sides of every band edge: each code is expected on its band's first and last day", () => {
    // Each band with an upper bound has a case at its last day ("the day before ...") and the next
    // band one at its first ("the 6th birthday", "29 days old"): at least two cases per code.
    for (const rule of rules.rules.filter((r) => r.band.upper)) {
      const forCode = cases.filter(
        (c) => c.procedure === rule.procedure && c.expect.code === rule.code,
      );
      expect(forCode.length, rule.id).toBeGreaterThanOrEqual(2);
    }
  });
});

const bornIn2010 = (name: string, procedure: string, expected: Case["expect"]) => ({
  name,
  procedure,
  dateOfService: "2026-01-01",
  dateOfBirth: "2010-01-01",
  expect: expected,
});

describe("runGoldenCases", () => {
  it("names each case the candidate answers differently, with what it expected and what it got", () => {
    const changed = editableShippedRules();
    const older = changed.rules.find((r) => r.id === "ecmo-cannula-insertion-percutaneous-33952");
    if (!older) throw new Error("no 33952 rule");
    older.code = "33950";
    const problems = runGoldenCases(validated(changed), shippedCases());
    expect(problems.map(describeCaseProblem)).toEqual([
      'case "insertion-percutaneous: the 6th birthday is 6 years and older": expected 33952, got 33950 (rule ecmo-cannula-insertion-percutaneous-33952)',
    ]);
  });

  it("reports a refusal expected and a code given, and the reverse", () => {
    const rules = validated(readShippedRules());
    const problems = runGoldenCases(rules, [
      bornIn2010("no rule before 2015", "ecmo-cannula-removal-open", {
        refusal: "no-rule-in-effect",
      }),
      bornIn2010("an unknown procedure has a code", "no-such-procedure", { code: "33952" }),
    ]);
    expect(problems).toEqual([
      {
        case: "no rule before 2015",
        message:
          "expected refusal no-rule-in-effect, got 33984 (rule ecmo-cannula-removal-open-33984)",
      },
      {
        case: "an unknown procedure has a code",
        message: "expected 33952, got refusal unknown-procedure",
      },
    ]);
  });

  it("refuses malformed cases, naming the case or its place and the field", () => {
    const rules = validated(readShippedRules());
    const problems = runGoldenCases(rules, [
      { ...bornIn2010("both", "x", { code: "33951" }), age: { value: 1, unit: "years" } },
      {
        procedure: "x",
        dateOfService: "2026-02-30",
        dateOfBirth: "2020-01-01",
        expect: { refusal: "maybe" },
      },
    ]);
    expect(problems.map(describeCaseProblem)).toEqual([
      'case "both": (case): give dateOfBirth or age, not both',
      expect.stringMatching(/^case "cases\[1\]": name: /),
      expect.stringMatching(
        /^case "cases\[1\]": dateOfService: "2026-02-30" is not a calendar date/,
      ),
      expect.stringMatching(/^case "cases\[1\]": expect: /),
    ]);
  });
});
