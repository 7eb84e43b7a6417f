import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodBetween } from "../../core/age.js";
import { bandContains, bandLabel, bandUnit } from "../../core/age-band.js";
import { addDays, formatIsoDate, fromEpochDay, toEpochDay } from "../../core/calendar-date.js";
import { compiledOf } from "../../core/compiled-rule-set.js";
import { isInEffect, type Rule, type RuleSet } from "../../core/rule-set.js";
import { servedText } from "../../core/served-text.js";
import { date } from "./support/dates.js";
import { buildRuleSet, DATE_POOL, ruleSetSpecPair } from "./support/rule-set-arbitraries.js";
import { procedure, splitByGestation, validated } from "./support/rule-sets.js";
import { shippedRules } from "./support/shipped-rules.js";

const hernia = validated({ procedures: [procedure("hernia")], rules: splitByGestation() });

/** Random valid rule sets crowding the delicate edges, the shipped rules, and a gestation split. */
const ruleSets: fc.Arbitrary<RuleSet> = fc.oneof(
  ruleSetSpecPair
    .map(([first]) => first)
    .filter((spec) => spec.length > 0)
    .map(buildRuleSet),
  fc.constant(shippedRules()),
  fc.constant(hernia),
);

/** Every date a rule starts or ends on, and the days either side, where the rules in effect change. */
const edgeDates = (ruleSet: RuleSet): string[] =>
  ruleSet.rules.flatMap(({ effective: { from, to } }) =>
    [from, ...(to ? [to] : [])].flatMap((edge) =>
      [-1, 0, 1].map((days) => formatIsoDate(addDays(date(edge), days))),
    ),
  );

const scanInEffect = (ruleSet: RuleSet, key: string, dateOfService: string): Rule[] =>
  ruleSet.rules.filter(
    (rule) => rule.procedure === key && isInEffect(rule.effective, dateOfService),
  );

const inEffectFound = (ruleSet: RuleSet, key: string, dateOfService: string): Rule[] => {
  const day = toEpochDay(date(dateOfService));
  const inEffect = compiledOf(ruleSet).table.rulesInEffectOn(key, day);
  return inEffect?.rules.map(({ rule }) => rule) ?? [];
};

describe("a rule set's compiled form", () => {
  it("is compiled once per rule set and shared by every later answer", () => {
    const ruleSet = shippedRules();
    expect(compiledOf(ruleSet)).toBe(compiledOf(ruleSet));
    expect(compiledOf(hernia)).not.toBe(compiledOf(ruleSet));
  });

  it("finds the rules in effect on a date that a scan of every rule finds, in rule-set order", () => {
    fc.assert(
      fc.property(ruleSets, fc.integer({ min: 0, max: 1_000 }), (ruleSet, pick) => {
        const dates = [...edgeDates(ruleSet), ...DATE_POOL, "1999-12-31", "2040-01-01"];
        const dateOfService = dates[pick % dates.length] as string;
        for (const { key } of ruleSet.procedures)
          expect(inEffectFound(ruleSet, key, dateOfService)).toEqual(
            scanInEffect(ruleSet, key, dateOfService),
          );
      }),
      { numRuns: 500 },
    );
  });

  it("finds the band that holds an age that a scan of the rules in effect finds", () => {
    const service = fc.constantFrom(...DATE_POOL, "2016-02-28", "2021-03-31").map(date);
    // Ages up to 8 years, every day of them equally likely: month ends and 29 February included.
    const daysOld = fc.integer({ min: 0, max: 8 * 366 });
    fc.assert(
      fc.property(ruleSets, service, daysOld, (ruleSet, dateOfService, days) => {
        const on = formatIsoDate(dateOfService);
        const age = periodBetween(fromEpochDay(toEpochDay(dateOfService) - days), dateOfService);
        const { table } = compiledOf(ruleSet);
        for (const { key } of ruleSet.procedures) {
          const entry = table.procedure(key);
          const stretch =
            entry === undefined ? undefined : table.stretchOn(entry, toEpochDay(dateOfService));
          const band = stretch === undefined ? -1 : table.bandAt(stretch, age);
          const inEffect = stretch === undefined ? undefined : table.rulesInEffect(stretch);
          const found = inEffect?.bandRules[band] ?? [];
          const scanned = scanInEffect(ruleSet, key, on).filter((rule) =>
            bandContains(rule.band, age),
          );
          expect(found.map(({ rule }) => rule)).toEqual(scanned);
          // The table's own answers: the band's first rule, and whether age alone decides.
          if (stretch !== undefined && band >= 0)
            expect(table.firstRuleOf(stretch, band)).toBe(found[0]);
          if (stretch !== undefined && inEffect)
            expect(table.limitsBesidesAge(stretch)).toBe(
              inEffect.rules.some(
                (rule) => rule.limitsGestation || rule.limitsWeight || rule.limitsPayer,
              ),
            );
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("says of each rule what an answer says of it", () => {
    for (const rule of shippedRules().rules) {
      const compiled = compiledOf(shippedRules()).ruleById.get(rule.id);
      const label = bandLabel(rule.band);
      expect(compiled).toMatchObject({
        rule,
        label,
        unit: bandUnit(rule.band),
        text: servedText(rule),
        selects: `; '${label}' selects ${rule.code}`,
      });
    }
  });

  it("finds the procedures of a code that a scan finds, in the order of their first rule", () => {
    const ruleSet = shippedRules();
    const { proceduresOfCode } = compiledOf(ruleSet);
    for (const code of new Set(ruleSet.rules.map((rule) => rule.code)))
      expect(proceduresOfCode.get(code)?.map(({ key }) => key)).toEqual([
        ...new Set(
          ruleSet.rules.filter((rule) => rule.code === code).map((rule) => rule.procedure),
        ),
      ]);
    expect(proceduresOfCode.get("00000")).toBeUndefined();
    expect(compiledOf(ruleSet).procedures.get("no-such-procedure")).toBeUndefined();
    expect(compiledOf(ruleSet).table.procedure("no-such-procedure")).toBeUndefined();
  });
});
