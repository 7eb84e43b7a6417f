import { describe, expect, it } from "vitest";
import { ruleSetImpact } from "../../core/impact.js";
import { validateForPublish } from "../../core/publish-checks.js";
import type { Content } from "../../studio/web/content.js";
import { impactInWords } from "../../studio/web/impact-words.js";
import {
  payerList,
  setDeclaredPayers,
  setGestationEnd,
  setPayerLimit,
  setWeightEnd,
  typedValue,
} from "../../studio/web/limit-edits.js";
import { setText } from "../../studio/web/rule-edits.js";
import { ruleIn, shippedContent } from "./shipped-content.js";

const shipped = shippedContent();
const checked = (content: Content) => {
  const validated = validateForPublish(content);
  if (!validated.ok) throw new Error(JSON.stringify(validated.error));
  return validated.value;
};
const impact = (content: Content) =>
  impactInWords(ruleSetImpact(checked(shipped), checked(content)), content, "2030-01-01").map(
    ({ who, change }) => `${who}: ${change}`,
  );

const NICU = "intensive-care-not-critical-subsequent-day";
const SEDATION = "moderate-sedation-initial-by-endoscopist-gi-endoscopy";
const HERNIA_PRETERM = "inguinal-hernia-repair-initial-reducible-49491";

describe("editing a rule's weight limit", () => {
  const moved = setWeightEnd(
    setWeightEnd(shipped, `${NICU}-99478`, "upper", 1599),
    `${NICU}-99479`,
    "lower",
    1600,
  );

  it("writes the end typed with its value in the range, and leaves the other end as written", () => {
    expect(ruleIn(moved, `${NICU}-99478`)?.weightGrams).toEqual({
      upper: { value: 1599, inclusive: true },
    });
    expect(ruleIn(moved, `${NICU}-99479`)?.weightGrams).toEqual({
      lower: { value: 1600, inclusive: true },
      upper: { value: 2500, inclusive: true },
    });
  });

  it("moves the edge for the weights between only, as the impact says", () => {
    expect(impact(moved)).toEqual([
      "all ages, dates of service from 1 January 2009: 99478 or 99479 or 99480 → 99478 or 99479 or 99480 (weighing 1,500 through 1,599 g: 99479 → 99478)",
    ]);
  });

  it("takes the limit away, field and all, once neither end is left", () => {
    const lower = setWeightEnd(shipped, `${NICU}-99479`, "lower", undefined);
    const none = setWeightEnd(lower, `${NICU}-99479`, "upper", undefined);
    expect(ruleIn(lower, `${NICU}-99479`)?.weightGrams).toEqual({
      upper: { value: 2500, inclusive: true },
    });
    expect(ruleIn(none, `${NICU}-99479`)).not.toHaveProperty("weightGrams");
  });
});

describe("editing a rule's limits from conception", () => {
  it("shows an end as the value in the range, whichever way it was written", () => {
    expect(typedValue("upper", { value: 37, inclusive: false })).toBe(36);
    expect(typedValue("lower", { value: 50, inclusive: false })).toBe(51);
    expect(typedValue("upper", { value: 50, inclusive: true })).toBe(50);
  });

  it("writes the end typed in its unit, and rewords no other end", () => {
    const edited = setGestationEnd(shipped, HERNIA_PRETERM, "postConceptionAge", "upper", {
      value: 52,
      unit: "weeks",
    });
    expect(ruleIn(edited, HERNIA_PRETERM)?.postConceptionAge).toEqual({
      upper: { value: 52, unit: "weeks", inclusive: true },
    });
    expect(ruleIn(edited, HERNIA_PRETERM)?.gestationalAgeAtBirth).toEqual(
      ruleIn(shipped, HERNIA_PRETERM)?.gestationalAgeAtBirth,
    );
  });

  it("writes back what it shows unchanged without changing any answer", () => {
    const same = setGestationEnd(shipped, HERNIA_PRETERM, "gestationalAgeAtBirth", "upper", {
      value: 36,
      unit: "weeks",
    });
    expect(impact(same)).toEqual([]);
  });
});

describe("editing a rule's payer limit and its procedure's payer programs", () => {
  it("limits a rule only to, or to all but, the programs ticked, or to none", () => {
    const only = setPayerLimit(shipped, `${SEDATION}-g0500`, "only", ["medicare", "medicaid"]);
    expect(ruleIn(only, `${SEDATION}-g0500`)?.payers).toEqual({ only: ["medicare", "medicaid"] });
    const except = setPayerLimit(only, `${SEDATION}-g0500`, "except", ["commercial"]);
    expect(ruleIn(except, `${SEDATION}-g0500`)?.payers).toEqual({ except: ["commercial"] });
    expect(
      ruleIn(setPayerLimit(except, `${SEDATION}-g0500`, "any", []), `${SEDATION}-g0500`),
    ).not.toHaveProperty("payers");
  });

  it("says a change to one payer's code as that payer's, not the whole band's", () => {
    const recoded = setText(shipped, `${SEDATION}-g0500`, "code", "G0501");
    expect(impact(recoded)).toEqual([
      "ages 5 years and older, dates of service from 1 January 2017: 99152 or G0500 → 99152 or G0501 (for medicare: G0500 → G0501)",
    ]);
  });

  it("says which payers' limits changed when a program moves from one code to another", () => {
    const moved = setPayerLimit(
      setPayerLimit(shipped, `${SEDATION}-g0500`, "only", ["medicaid", "medicare"]),
      `${SEDATION}-99152`,
      "except",
      ["medicaid", "medicare"],
    );
    const [region] = impact(moved);
    expect(region).toContain("for medicaid or medicare: no rule → G0500");
    expect(region).toContain("for payers other than medicare: 99152 → no rule");
  });

  it("reads the programs typed between commas, semicolons or spaces, and declares none when emptied", () => {
    expect(payerList(" commercial, medicaid;medicare  other,")).toEqual([
      "commercial",
      "medicaid",
      "medicare",
      "other",
    ]);
    const declared = setDeclaredPayers(shipped, SEDATION, ["medicare", "tricare"]);
    expect(declared.procedures.find((p) => p.key === SEDATION)?.payers).toEqual([
      "medicare",
      "tricare",
    ]);
    const ecmo = setDeclaredPayers(shipped, "ecmo-cannula-insertion-percutaneous", []);
    expect(
      ecmo.procedures.find((p) => p.key === "ecmo-cannula-insertion-percutaneous"),
    ).not.toHaveProperty("payers");
  });
});
