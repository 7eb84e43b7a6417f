import { describe, expect, it } from "vitest";
import { indexOf, rulesOfCode, rulesOfProcedure } from "../../core/rule-index.js";
import type { RuleSet } from "../../core/rule-set.js";
import { validateRuleSet } from "../../core/validate.js";
import { readShippedRules } from "./support/shipped-rules.js";

const shipped = (): RuleSet => {
  const validated = validateRuleSet(readShippedRules());
  if (!validated.ok) throw new Error("the shipped rules do not validate");
  return validated.value;
};

describe("a rule set's index", () => {
  it("is built once per rule set and shared by every later lookup", () => {
    const ruleSet = shipped();
    expect(indexOf(ruleSet)).toBe(indexOf(ruleSet));
    expect(indexOf(shipped())).not.toBe(indexOf(ruleSet));
  });

  it("holds exactly the rules a scan of the rule set finds, in rule-set order", () => {
    const ruleSet = shipped();
    for (const { key } of ruleSet.procedures)
      expect(rulesOfProcedure(ruleSet, key)).toEqual(
        ruleSet.rules.filter((rule) => rule.procedure === key),
      );
    for (const code of new Set(ruleSet.rules.map((rule) => rule.code)))
      expect(rulesOfCode(ruleSet, code)).toEqual(
        ruleSet.rules.filter((rule) => rule.code === code),
      );
    expect(indexOf(ruleSet).procedures).toEqual(new Set(ruleSet.procedures.map(({ key }) => key)));
  });

  it("has no rules for a procedure or code the rule set does not have", () => {
    const ruleSet = shipped();
    expect(rulesOfProcedure(ruleSet, "no-such-procedure")).toEqual([]);
    expect(rulesOfCode(ruleSet, "00000")).toEqual([]);
  });
});
