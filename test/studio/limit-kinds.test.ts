import { describe, expect, it } from "vitest";
import type { Rule } from "../../core/rule-set.js";
import { setPayerLimit, setWeightEnd } from "../../studio/web/limit-edits.js";
import { limitInWords, limitKindsOf, limitsInWords } from "../../studio/web/limit-kinds.js";
import { ECMO, shippedContent } from "./shipped-content.js";

const shipped = shippedContent();
const ruleOf = (id: string): Rule => {
  const found = shipped.rules.find((rule) => rule.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
const ofProcedure = (key: string) => shipped.rules.filter((rule) => rule.procedure === key);

describe("a rule's limits besides its ages, in words", () => {
  it("are said as the API's texts say them, each in its own column", () => {
    const preterm = ruleOf("inguinal-hernia-repair-initial-reducible-49491");
    expect(limitInWords(preterm, "atBirth")).toBe("born before 37 weeks");
    expect(limitInWords(preterm, "sinceConception")).toBe("through 50 weeks after conception");
    expect(limitInWords(preterm, "weight")).toBeUndefined();
    expect(limitInWords(ruleOf("intensive-care-not-critical-subsequent-day-99479"), "weight")).toBe(
      "weighing 1,500 through 2,500 g",
    );
    expect(
      limitInWords(ruleOf("moderate-sedation-initial-by-endoscopist-gi-endoscopy-99152"), "payers"),
    ).toBe("for payers other than medicare");
  });

  it("are said together where rules that share their ages differ by them, and not at all where none", () => {
    expect(limitsInWords(ruleOf("inguinal-hernia-repair-initial-reducible-49491"))).toBe(
      "born before 37 weeks, through 50 weeks after conception",
    );
    expect(limitsInWords(ruleOf(`${ECMO}-33951`))).toBe("");
  });

  it("say nothing of a limit while it is typed and not yet one", () => {
    const typing = setWeightEnd(shipped, `${ECMO}-33951`, "upper", "15." as unknown as number);
    const rule = typing.rules.find((one) => one.id === `${ECMO}-33951`);
    expect(rule && limitInWords(rule, "weight")).toBeUndefined();
    const picking = setPayerLimit(shipped, `${ECMO}-33951`, "only", []);
    const chosen = picking.rules.find((one) => one.id === `${ECMO}-33951`);
    expect(chosen && limitInWords(chosen, "payers")).toBeUndefined();
  });
});

describe("the limit columns a procedure's table has", () => {
  it("are those its rules use, in one order", () => {
    expect(limitKindsOf(ofProcedure("inguinal-hernia-repair-initial-reducible"))).toEqual([
      "atBirth",
      "sinceConception",
    ]);
    expect(limitKindsOf(ofProcedure("intensive-care-not-critical-subsequent-day"))).toEqual([
      "weight",
    ]);
    expect(limitKindsOf(ofProcedure(ECMO))).toEqual([]);
  });
});
