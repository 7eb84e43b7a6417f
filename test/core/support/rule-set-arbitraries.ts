import fc from "fast-check";
import type { AgeUnit } from "../../../core/age.js";
import { addDays, formatIsoDate, parseIsoDate } from "../../../core/calendar-date.js";
import type { RuleSet } from "../../../core/rule-set.js";
import { approximateDays, compareThresholds, type Threshold } from "../../../core/threshold.js";
import { procedure, validated } from "./rule-sets.js";

/**
 * Random valid rule sets whose band edges and effective periods crowd around the places where
 * the arithmetic is delicate: days against months near a month's length, months against years,
 * the ends of months and 29 February.
 */

const t = (value: number, unit: AgeUnit): Threshold => ({ value, unit });

export const EDGE_POOL: readonly Threshold[] = [
  t(28, "days"),
  t(29, "days"),
  t(30, "days"),
  t(31, "days"),
  t(59, "days"),
  t(365, "days"),
  t(366, "days"),
  t(1, "months"),
  t(2, "months"),
  t(11, "months"),
  t(12, "months"),
  t(13, "months"),
  t(24, "months"),
  t(1, "years"),
  t(2, "years"),
  t(5, "years"),
  t(6, "years"),
];

export const DATE_POOL = [
  "2014-06-01",
  "2015-01-01",
  "2016-02-29",
  "2016-03-01",
  "2016-03-31",
  "2019-12-31",
  "2020-01-01",
] as const;

const LAST_DATE = "2021-06-30";

interface AnswerSpec {
  readonly code: string;
  readonly text: string;
}

interface SegmentSpec {
  readonly cuts: readonly Threshold[];
  readonly answers: readonly AnswerSpec[];
  /** How each edge is written: inclusive or not, years as months. */
  readonly spellings: readonly number[];
  readonly empty: boolean;
}

export interface ProcedureSpec {
  readonly key: string;
  readonly startsAt?: Threshold | undefined;
  readonly stopsAt?: Threshold | undefined;
  readonly dates: readonly string[];
  readonly openEnded: boolean;
  readonly segments: readonly SegmentSpec[];
}

const answer = fc.record({
  code: fc.constantFrom("33951", "33952"),
  text: fc.constantFrom("young", "older"),
});

const segment = fc.record({
  cuts: fc.uniqueArray(fc.constantFrom(...EDGE_POOL), { maxLength: 4 }),
  answers: fc.array(answer, { minLength: 6, maxLength: 6 }),
  spellings: fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }),
  empty: fc.boolean(),
});

const procedureSpec = (key: string): fc.Arbitrary<ProcedureSpec> =>
  fc.record({
    key: fc.constant(key),
    startsAt: fc.option(fc.constantFrom(t(28, "days"), t(1, "months")), { nil: undefined }),
    stopsAt: fc.option(fc.constantFrom(t(6, "years"), t(72, "months")), { nil: undefined }),
    dates: fc
      .uniqueArray(fc.constantFrom(...DATE_POOL), { minLength: 1, maxLength: 3 })
      .map((dates) => [...dates].sort()),
    openEnded: fc.boolean(),
    segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
  });

export type RuleSetSpec = readonly ProcedureSpec[];

const ruleSetSpec: fc.Arbitrary<RuleSetSpec> = fc
  .tuple(fc.option(procedureSpec("p-one")), fc.option(procedureSpec("p-two")))
  .map((specs) => specs.filter((spec) => spec !== null));

type Kinship = "same" | "other" | "new-answers" | "new-cuts";

/** The second version of a procedure: unchanged, unrelated, or the first with a part redrawn. */
const descend = (first: ProcedureSpec, other: ProcedureSpec, kinship: Kinship): ProcedureSpec => {
  switch (kinship) {
    case "same":
      return first;
    case "other":
      return other;
    case "new-answers":
      return {
        ...first,
        segments: first.segments.map((s, i) => ({
          ...s,
          answers: other.segments[i]?.answers ?? s.answers,
        })),
      };
    case "new-cuts":
      return {
        ...first,
        segments: first.segments.map((s, i) => ({ ...s, cuts: other.segments[i]?.cuts ?? s.cuts })),
      };
  }
};

/** Two related rule-set specs: what was published and what replaces it. */
export const ruleSetSpecPair: fc.Arbitrary<[RuleSetSpec, RuleSetSpec]> = fc
  .tuple(
    ruleSetSpec,
    ruleSetSpec,
    fc.array(fc.constantFrom<Kinship>("same", "other", "new-answers", "new-cuts"), {
      minLength: 2,
      maxLength: 2,
    }),
  )
  .map(([first, other, kinships]) => {
    const second = first.flatMap((spec, i) => {
      const match = other.find((o) => o.key === spec.key);
      return match ? [descend(spec, match, kinships[i] ?? "same")] : [];
    });
    const added = other.filter((o) => !first.some((spec) => spec.key === o.key));
    return [first, [...second, ...added]];
  });

const dayBefore = (date: string): string => {
  const parsed = parseIsoDate(date, "date");
  if (!parsed.ok) throw new Error(date);
  return formatIsoDate(addDays(parsed.value, -1));
};

/** Keeps the cuts strictly between the coverage's ends, each after the one before for every birth. */
const chain = (cuts: readonly Threshold[], spec: ProcedureSpec): Threshold[] => {
  const kept: Threshold[] = [];
  const inside = (cut: Threshold) =>
    (!spec.startsAt || compareThresholds(spec.startsAt, cut) === "before") &&
    (!spec.stopsAt || compareThresholds(cut, spec.stopsAt) === "before");
  for (const cut of [...cuts].sort((a, b) => approximateDays(a) - approximateDays(b))) {
    const last = kept.at(-1);
    if (inside(cut) && (!last || compareThresholds(last, cut) === "before")) kept.push(cut);
  }
  return kept;
};

const asMonths = (threshold: Threshold, spelling: number): Threshold =>
  threshold.unit === "years" && spelling >= 2 ? t(threshold.value * 12, "months") : threshold;

/** A band's lower bound that starts at the threshold: "at least N" or "older than N - 1". */
const lowerBound = (start: Threshold, spelling: number) => {
  const { value, unit } = asMonths(start, spelling);
  return spelling % 2 === 1 && value > 0
    ? { value: value - 1, unit, inclusive: false }
    : { value, unit, inclusive: true };
};

/**
 * A band's upper bound that stops at the threshold: "through N - 1" or "younger than N"; the
 * validator compares the bounds as written, so "28 days through 0 years" would read as inverted.
 */
const upperBound = (end: Threshold, spelling: number, lower: Threshold) => {
  const { value, unit } = asMonths(end, spelling);
  const through = { value: value - 1, unit, inclusive: true };
  return spelling % 2 === 1 || compareThresholds(lower, through) === "after"
    ? { value, unit, inclusive: false }
    : through;
};

const rulesOf = (spec: ProcedureSpec) =>
  spec.dates.flatMap((from, dateIndex) => {
    const next = spec.dates[dateIndex + 1];
    const to = next ? dayBefore(next) : spec.openEnded ? undefined : LAST_DATE;
    const seg = spec.segments[dateIndex];
    if (!seg || (seg.empty && dateIndex > 0)) return [];
    const edges = [spec.startsAt ?? t(0, "years"), ...chain(seg.cuts, spec)];
    return edges.map((start, i) => {
      const end = edges[i + 1] ?? spec.stopsAt;
      const { code, text } = seg.answers[i] ?? { code: "33951", text: "young" };
      const lower = lowerBound(start, seg.spellings[2 * i] ?? 0);
      return {
        id: `${spec.key}-${dateIndex}-${i}`,
        procedure: spec.key,
        code,
        text,
        band: {
          label: "a band",
          lower,
          ...(end ? { upper: upperBound(end, seg.spellings[2 * i + 1] ?? 0, lower) } : {}),
        },
        effective: { from, ...(to ? { to } : {}) },
        source: "generated",
      };
    });
  });

export const buildRuleSet = (specs: RuleSetSpec): RuleSet =>
  validated({
    procedures: specs.map((spec) =>
      procedure(spec.key, {
        ...((spec.startsAt || spec.stopsAt) && {
          coverage: {
            ...(spec.startsAt && { startsAt: spec.startsAt }),
            ...(spec.stopsAt && { stopsAt: spec.stopsAt }),
          },
        }),
      }),
    ),
    rules: specs.flatMap(rulesOf),
  });
