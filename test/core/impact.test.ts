import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageAt } from "../../core/age.js";
import { latestBirthDate } from "../../core/birth-dates.js";
import { addDays, formatIsoDate, fromEpochDay, toEpochDay } from "../../core/calendar-date.js";
import {
  ageIntervalContains,
  describeRegion,
  earliestChange,
  type ImpactRegion,
  ruleSetImpact,
} from "../../core/impact.js";
import type { RuleSet } from "../../core/rule-set.js";
import { select } from "../../core/select.js";
import { approximateDays } from "../../core/threshold.js";
import { date } from "./support/dates.js";
import {
  buildRuleSet,
  DATE_POOL,
  EDGE_POOL,
  ruleSetSpecPair,
} from "./support/rule-set-arbitraries.js";
import { bound, procedure, rule, splitAtSix, validated } from "./support/rule-sets.js";
import { readShippedRules } from "./support/shipped-rules.js";

/**
 * What a version answers a patient, in the terms the impact reports: the code and the rule's own
 * text, or a refusal of some kind. The ages the API says after the text follow the band, as the
 * answer's `band` does.
 */
const answer = (
  ruleSet: RuleSet,
  procedureKey: string,
  dateOfBirth: string,
  dateOfService: string,
) => {
  const result = select(ruleSet, { procedure: procedureKey, dateOfBirth, dateOfService });
  if (!result.ok) return "refused";
  const { code, ruleId } = result.value;
  return `${code} ${ruleSet.rules.find((rule) => rule.id === ruleId)?.text}`;
};

const inRegion = (region: ImpactRegion, dateOfBirth: string, dateOfService: string): boolean => {
  const { from, to } = region.datesOfService;
  const age = ageAt(date(dateOfBirth), date(dateOfService));
  return (
    from <= dateOfService &&
    (to === undefined || dateOfService <= to) &&
    age.ok &&
    ageIntervalContains(region.ages, age.value)
  );
};

const shipped = validated(readShippedRules());

/** The shipped rules with 33952 from the 5th birthday and 33951 through 4 years, both reworded. */
const movedToFive = (): RuleSet => {
  const edited = structuredClone(readShippedRules()) as {
    procedures: unknown[];
    rules: Record<string, unknown>[];
  };
  for (const r of edited.rules) {
    if (r.id === "ecmo-cannula-insertion-percutaneous-33951") {
      r.text = "Insert ECMO/ECLS peripheral cannula(s) through the skin";
      r.band = {
        label: "birth through 4 years",
        lower: bound(0, "years"),
        upper: bound(4, "years"),
      };
    }
    if (r.id === "ecmo-cannula-insertion-percutaneous-33952") {
      r.text = "Insert ECMO/ECLS peripheral cannula(s) placed through the skin";
      r.band = { label: "5 years and older", lower: bound(5, "years") };
    }
  }
  return validated(edited);
};

describe("the impact of a rule change", () => {
  it("is empty between a rule set and itself", () => {
    expect(ruleSetImpact(shipped, shipped)).toEqual([]);
    expect(earliestChange([])).toBeUndefined();
  });

  it("names the ages and dates where 33952's band moves down to 5 years", () => {
    const regions = ruleSetImpact(shipped, movedToFive());
    expect(regions.map(describeRegion)).toEqual([
      "ecmo-cannula-insertion-percutaneous: ages 0 y 0 m 0 d through 4 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33951 (text changed)",
      "ecmo-cannula-insertion-percutaneous: ages 5 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33952",
      "ecmo-cannula-insertion-percutaneous: ages 6 y 0 m 0 d and older, dates of service from 2015-01-01: 33952 → 33952 (text changed)",
    ]);
    expect(earliestChange(regions)).toBe("2015-01-01");
    expect(regions[1]).toMatchObject({
      ages: { atLeast: [{ value: 5, unit: "years" }], youngerThan: [{ value: 6, unit: "years" }] },
      before: { code: "33951" },
      after: { code: "33952" },
    });
  });

  it("starts on the new year's first date for a yearly update that ends the old rules", () => {
    const old = rule("old", { effective: { from: "2015-01-01", to: "2025-12-31" } });
    const next = rule("new", { code: "33952", effective: { from: "2026-01-01" } });
    const before = validated({ procedures: [procedure()], rules: [rule("old")] });
    const after = validated({ procedures: [procedure()], rules: [old, next] });
    expect(ruleSetImpact(before, after).map(describeRegion)).toEqual([
      "cannula-insertion: all ages, dates of service from 2026-01-01: 33951 → 33952",
    ]);
  });

  it("says when a procedure loses its rules and when a new one gains them", () => {
    const before = validated({ procedures: [procedure()], rules: splitAtSix() });
    const after = validated({
      procedures: [procedure("other")],
      rules: [
        rule("x", { procedure: "other", effective: { from: "2020-01-01", to: "2020-12-31" } }),
      ],
    });
    expect(ruleSetImpact(before, after).map(describeRegion)).toEqual([
      "cannula-insertion: ages 0 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → no rule",
      "cannula-insertion: ages 6 y 0 m 0 d and older, dates of service from 2015-01-01: 33952 → no rule",
      "other: all ages, dates of service 2020-01-01 through 2020-12-31: no rule → 33951",
    ]);
  });

  it("says edges in days in days, starts where a patient is first in the region, and drops a region nobody is in", () => {
    const band = (lower: unknown, upper?: unknown) => ({
      label: "b",
      lower,
      ...(upper ? { upper } : {}),
    });
    const split = (young: unknown, old: unknown) =>
      validated({
        procedures: [procedure()],
        rules: [
          rule("young", { band: band(bound(0, "days"), young) }),
          rule("old", { code: "33952", band: band(old) }),
        ],
      });
    const regions = ruleSetImpact(
      split(bound(30, "days"), bound(31, "days")),
      split(bound(1, "months", false), bound(1, "months")),
    );
    // A month old yet 30 days or younger: born in a month shorter than 31 days, first seen on
    // 1 March 2015 (born 1 February). 31 days old yet short of a month: nobody, ever.
    expect(regions.map(describeRegion)).toEqual([
      "cannula-insertion: ages 0 y 1 m 0 d through 30 days, dates of service from 2015-03-01: 33951 → 33952",
    ]);
  });
});

const dayOf = (iso: string) => toEpochDay(date(iso));

/** Dates of service near the effective dates, and anywhere from 2013 to 2022. */
const dateOfService = fc.oneof(
  fc
    .tuple(fc.constantFrom(...DATE_POOL, "2021-06-30"), fc.integer({ min: -2, max: 2 }))
    .map(([iso, offset]) => formatIsoDate(addDays(date(iso), offset))),
  fc
    .integer({ min: dayOf("2013-06-01"), max: dayOf("2022-12-31") })
    .map((day) => formatIsoDate(fromEpochDay(day))),
);

/** Ages just around the band edges (and 150 years, the limit), and anywhere up to 8 years. */
const ageInDays = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...EDGE_POOL.map(approximateDays), 150 * 365.25),
      fc.integer({ min: -4, max: 4 }),
    )
    .map(([days, offset]) => Math.max(0, Math.round(days) + offset)),
  fc.integer({ min: 0, max: 8 * 366 }),
);

const patient = fc
  .tuple(dateOfService, ageInDays, fc.constantFrom("p-one", "p-two"))
  .map(([service, days, procedureKey]) => ({
    procedureKey,
    dateOfService: service,
    dateOfBirth: formatIsoDate(addDays(date(service), -days)),
  }));

describe("the impact, against brute force", () => {
  it("reports a pair of date of birth and date of service exactly when its answer changes", () => {
    fc.assert(
      fc.property(
        ruleSetSpecPair,
        fc.array(patient, { minLength: 40, maxLength: 40 }),
        ([firstSpec, secondSpec], patients) => {
          const [before, after] = [buildRuleSet(firstSpec), buildRuleSet(secondSpec)];
          const regions = ruleSetImpact(before, after);
          for (const { procedureKey, dateOfBirth, dateOfService } of patients) {
            const changed =
              answer(before, procedureKey, dateOfBirth, dateOfService) !==
              answer(after, procedureKey, dateOfBirth, dateOfService);
            const reported = regions.some(
              (region) =>
                region.procedure === procedureKey && inRegion(region, dateOfBirth, dateOfService),
            );
            expect(reported, `${procedureKey} born ${dateOfBirth}, seen ${dateOfService}`).toBe(
              changed,
            );
          }
          // Each region's first date holds a patient whose answer changes: the youngest one in it.
          for (const region of regions) {
            const service = date(region.datesOfService.from);
            const births = region.ages.atLeast.map(({ value, unit }) =>
              latestBirthDate(service, value, unit),
            );
            const birth = formatIsoDate(
              births.reduce((a, b) => (toEpochDay(a) <= toEpochDay(b) ? a : b)),
            );
            expect(inRegion(region, birth, region.datesOfService.from)).toBe(true);
            expect(answer(before, region.procedure, birth, region.datesOfService.from)).not.toBe(
              answer(after, region.procedure, birth, region.datesOfService.from),
            );
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe("the impact of a change to limits on age from conception", () => {
  it("marks the whole split band as changed, never hiding a moved post-conception edge", () => {
    const edited = structuredClone(readShippedRules()) as { rules: Record<string, unknown>[] };
    const moved = { upper: { value: 48, unit: "weeks", inclusive: true } };
    const pastMoved = { lower: { value: 48, unit: "weeks", inclusive: false } };
    for (const rule of edited.rules) {
      if (rule.id === "inguinal-hernia-repair-initial-reducible-49491")
        rule.postConceptionAge = moved;
      if (rule.id === "inguinal-hernia-repair-initial-reducible-49495-preterm")
        rule.postConceptionAge = pastMoved;
    }
    const regions = ruleSetImpact(shipped, validated(edited));
    expect(regions.map(describeRegion)).toEqual([
      "inguinal-hernia-repair-initial-reducible: ages 0 y 0 m 0 d through 0 y 5 m 30 d, dates of service from 2005-01-01: 49491 or 49495 → 49491 or 49495 (limits on age from conception changed)",
    ]);
  });
});

describe("the impact of a version read back in another order", () => {
  it("is empty when only the order of rules and of their fields differs, as DynamoDB returns them", () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === "object"
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const readBack = reversed(readShippedRules()) as { rules: unknown[] };
    readBack.rules.reverse();
    expect(ruleSetImpact(shipped, validated(readBack))).toEqual([]);
  });
});
