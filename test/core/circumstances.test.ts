import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toEpochDay } from "../../core/calendar-date.js";
import { atAge, circumstancesFor } from "../../core/circumstances.js";
import type { RulesInEffect } from "../../core/compiled-procedure.js";
import { type CompiledRule, holdsGestation } from "../../core/compiled-rule.js";
import { compiledOf } from "../../core/compiled-rule-set.js";
import { EVERY_GESTATION } from "../../core/gestation.js";
import type { RuleSet } from "../../core/rule-set.js";
import { date } from "./support/dates.js";
import { procedure, splitByGestation, validated } from "./support/rule-sets.js";
import { shippedRules } from "./support/shipped-rules.js";

const hernia = validated({ procedures: [procedure("hernia")], rules: splitByGestation() });

/** The rules in effect from each day a rule of the procedure starts on: every stretch of rules. */
const stretchesOf = (ruleSet: RuleSet, key: string): RulesInEffect[] => {
  const { table } = compiledOf(ruleSet);
  const found = ruleSet.rules
    .filter((rule) => rule.procedure === key)
    .map((rule) => table.rulesInEffectOn(key, toEpochDay(date(rule.effective.from))));
  return [...new Set(found)].filter((inEffect) => inEffect !== undefined);
};

/** Each band of every stretch in which a rule limits age from conception, with its stretch. */
const gestationBands = (ruleSet: RuleSet) =>
  ruleSet.procedures.flatMap(({ key }) =>
    stretchesOf(ruleSet, key).flatMap((inEffect) =>
      inEffect.limitsGestation
        ? inEffect.bandRules.map((rules, band) => ({
            name: `${key} band ${band}`,
            inEffect,
            rules,
          }))
        : [],
    ),
  );

const bands = [...gestationBands(shippedRules()), ...gestationBands(hernia)];

const NOTHING_GIVEN = { dateOfService: "2026-10-13", dateOfBirth: "2026-01-01" } as const;

const holding = (rules: readonly CompiledRule[], atBirth: number, daysOld: number) =>
  rules.filter((rule) => holdsGestation(rule, atBirth, daysOld)).map(({ id }) => id);

describe("the circumstances at one age", () => {
  it("covers more than one band of the shipped rules and the gestation split", () => {
    expect(bands.length).toBeGreaterThan(3);
  });

  it.each(bands)(
    "$name: tries one gestational age at birth for each stretch over which the band's rules hold alike",
    ({ inEffect, rules }) => {
      const every = circumstancesFor(inEffect, NOTHING_GIVEN);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 900 }), (daysOld) => {
          const narrowed = atAge(every, rules, daysOld);
          const tried = [...new Set(narrowed.each.map(({ atBirth }) => atBirth as number))];
          expect(narrowed.values).toBe(every.values);
          expect(tried[0]).toBe(EVERY_GESTATION[0]);
          // In order, youngest first: the order in which an answer finds its codes.
          expect(tried).toEqual([...tried].sort((a, b) => a - b));
          for (const atBirth of EVERY_GESTATION) {
            const start = tried.findLast((first) => first <= atBirth) as number;
            expect(holding(rules, atBirth, daysOld)).toEqual(holding(rules, start, daysOld));
          }
        }),
        { numRuns: 40 },
      );
    },
  );

  it("tries every value given as given", () => {
    const [{ inEffect, rules }] = bands as [(typeof bands)[number]];
    const given = circumstancesFor(inEffect, {
      ...NOTHING_GIVEN,
      gestationalAgeAtBirth: { weeks: 30, days: 2 },
    });
    expect(atAge(given, rules, 40)).toBe(given);
    expect(given.each.map(({ atBirth }) => atBirth)).toEqual([212]);
  });
});
