import { describe, expect, it } from "vitest";
import { ruleSetImpact } from "../../core/impact.js";
import { validateForPublish } from "../../core/publish-checks.js";
import { validateRuleSet } from "../../core/validate.js";
import {
  setAges,
  setEffective,
  startNewRulesFrom,
  typedAges,
} from "../../studio/web/rule-edits.js";
import { ECMO, RULE_33951, RULE_33952, ruleIn, shippedContent } from "./shipped-content.js";

const shipped = shippedContent();
const years = (value: number) => ({ value, unit: "years" as const });

describe("starting new rules from a date of service", () => {
  const { content, added } = startNewRulesFrom(shipped, ECMO, "2027-01-01");

  it("ends each rule in effect on the day before and adds a copy from the date, leaving rules already ended alone", () => {
    expect(added).toEqual([`${RULE_33951}-from-2027-01-01`, `${RULE_33952}-from-2027-01-01`]);
    expect(ruleIn(content, RULE_33951)?.effective).toEqual({
      from: "2015-01-01",
      to: "2026-12-31",
    });
    expect(ruleIn(content, added[0] ?? "")?.effective).toEqual({ from: "2027-01-01" });
    expect(ruleIn(content, `${ECMO}-36822`)).toEqual(ruleIn(shipped, `${ECMO}-36822`));
    expect(content.rules).toHaveLength(shipped.rules.length + 2);
  });

  it("changes no answer until the copies are edited", () => {
    const validated = validateRuleSet(content);
    expect(validated.ok && ruleSetImpact(shippedContentSet(), validated.value)).toEqual([]);
  });

  it("moves the split to the 12th birthday from 2027 with two edits, and only from 2027", () => {
    const [young = "", old = ""] = added;
    const moved = setAges(setAges(content, young, { from: years(0), through: years(11) }), old, {
      from: years(12),
    });
    const validated = validateForPublish(moved);
    if (!validated.ok) throw new Error(JSON.stringify(validated.error));
    const regions = ruleSetImpact(shippedContentSet(), validated.value);
    expect(regions.map((r) => [r.datesOfService.from, r.before?.code, r.after?.code])).toEqual([
      ["2027-01-01", "33952", "33951"],
    ]);
  });

  it("gives each copy an id of its own when the date is used twice", () => {
    const again = startNewRulesFrom(
      setEffective(content, `${RULE_33951}-from-2027-01-01`, "from", "2026-06-01"),
      ECMO,
      "2027-01-01",
    );
    expect(again.added).toEqual([`${RULE_33951}-from-2027-01-01-2`]);
  });
});

describe("the ages a band is edited as", () => {
  it("are completed ages, both ends in, whichever way the bounds were written", () => {
    expect(
      typedAges({
        lower: { value: 0, unit: "years", inclusive: true },
        upper: { value: 6, unit: "years", inclusive: false },
      }),
    ).toEqual({
      from: years(0),
      through: years(5),
    });
    const written = setAges(shipped, RULE_33952, { from: years(12) });
    expect(ruleIn(written, RULE_33952)?.band).toEqual({ lower: { ...years(12), inclusive: true } });
  });

  it("take away the last date of service when it is emptied", () => {
    const ended = setEffective(shipped, RULE_33951, "to", "2026-12-31");
    expect(ruleIn(ended, RULE_33951)?.effective.to).toBe("2026-12-31");
    expect(ruleIn(setEffective(ended, RULE_33951, "to", ""), RULE_33951)?.effective).toEqual({
      from: "2015-01-01",
    });
  });
});

function shippedContentSet() {
  const validated = validateRuleSet(shipped);
  if (!validated.ok) throw new Error("the shipped rules do not validate");
  return validated.value;
}
