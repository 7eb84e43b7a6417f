/**
 * Age counted from conception: the gestational age at birth, and the post-conception age (the
 * gestational age at birth plus the days since birth). Both are counted in days; a bound written in
 * weeks compares completed weeks, as an age bound compares completed years.
 */

/** A gestational age as obstetrics writes it: 32 weeks and 4 days is 32+4. */
export interface GestationalAge {
  readonly weeks: number;
  readonly days: number;
}

export const GESTATION_UNITS = ["days", "weeks"] as const;
export type GestationUnit = (typeof GESTATION_UNITS)[number];

export interface GestationBound {
  readonly value: number;
  readonly unit: GestationUnit;
  readonly inclusive: boolean;
}

/** Bounds on a gestational or post-conception age; a missing bound does not limit. */
export interface GestationRange {
  readonly lower?: GestationBound | undefined;
  readonly upper?: GestationBound | undefined;
}

/**
 * The gestational ages at birth the rules answer for, and the validator checks coverage over:
 * 22+0 through 44+6. A request outside them is refused rather than answered unchecked.
 */
export const GESTATION_WEEKS = { min: 22, max: 44 } as const;
export const GESTATION_DAYS = { min: GESTATION_WEEKS.min * 7, max: GESTATION_WEEKS.max * 7 + 6 };

const DAYS_PER: Readonly<Record<GestationUnit, number>> = { days: 1, weeks: 7 };

export const gestationDays = ({ weeks, days }: GestationalAge): number => weeks * 7 + days;

/** "32 weeks 4 days": a day count as people say it. */
export const formatGestation = (totalDays: number): string =>
  `${Math.floor(totalDays / 7)} weeks ${totalDays % 7} days`;

/** A range as whole days, from `from` up to but not including `to` (no `to`: no end). */
export interface DayRange {
  readonly from: number;
  readonly to?: number | undefined;
}

/** Every age: one range for every rule with no such limit, since a compiled version keeps a range for each rule. */
const EVERY_DAY: DayRange = { from: 0, to: undefined };

/** "older than 50 weeks" starts at 51 completed weeks; "through 50 weeks" stops there. */
export const dayRange = (range?: GestationRange): DayRange => {
  if (!range) return EVERY_DAY;
  const { lower, upper } = range;
  return {
    from: lower ? (lower.value + (lower.inclusive ? 0 : 1)) * DAYS_PER[lower.unit] : 0,
    to: upper && (upper.value + (upper.inclusive ? 1 : 0)) * DAYS_PER[upper.unit],
  };
};

export const inDayRange = ({ from, to }: DayRange, days: number): boolean =>
  days >= from && (to === undefined || days < to);

/** What a rule says about age from conception, beside its chronological band. */
export interface GestationLimits {
  readonly gestationalAgeAtBirth?: GestationRange | undefined;
  readonly postConceptionAge?: GestationRange | undefined;
}

/** The limits as a key, field by field (a rule read back from DynamoDB may order them otherwise). */
export const gestationKey = (rule: GestationLimits): string =>
  [rule.gestationalAgeAtBirth, rule.postConceptionAge]
    .map((range) => {
      const { from, to } = dayRange(range);
      return range ? `${from}-${to ?? ""}` : "none";
    })
    .join(" ");

export const limitsGestation = (rule: GestationLimits): boolean =>
  rule.gestationalAgeAtBirth !== undefined || rule.postConceptionAge !== undefined;

/** Whether a patient born at `atBirth` days of gestation, `daysOld` days ago, is within the limits. */
export const withinGestation = (rule: GestationLimits, atBirth: number, daysOld: number): boolean =>
  inDayRange(dayRange(rule.gestationalAgeAtBirth), atBirth) &&
  inDayRange(dayRange(rule.postConceptionAge), atBirth + daysOld);

/** Every gestational age at birth the rules answer for, in days. */
export const EVERY_GESTATION: readonly number[] = Object.freeze(
  Array.from(
    { length: GESTATION_DAYS.max - GESTATION_DAYS.min + 1 },
    (_, i) => GESTATION_DAYS.min + i,
  ),
);

/** "1 week", "50 weeks", "3 days". */
const formatGestationBound = (value: number, unit: GestationUnit): string =>
  `${value} ${value === 1 ? unit.slice(0, -1) : unit}`;

/** The first age a lower bound holds and the last one an upper bound holds, in completed units. */
const firstValue = ({ value, inclusive }: GestationBound) => (inclusive ? value : value + 1);
const first = (lower: GestationBound) => formatGestationBound(firstValue(lower), lower.unit);
const last = ({ value, unit, inclusive }: GestationBound) =>
  formatGestationBound(inclusive ? value : value - 1, unit);

/** "32 through 36 weeks", "250 days through 36 weeks": the unit once where both bounds share it. */
const between = (lower: GestationBound, upper: GestationBound): string =>
  `${lower.unit === upper.unit ? firstValue(lower) : first(lower)} through ${last(upper)}`;

const atBirthLabel = ({ lower, upper }: GestationRange): string | undefined => {
  if (lower && upper) return `born at ${between(lower, upper)}`;
  if (lower) return `born at ${first(lower)} or later`;
  // Obstetrics says "born before 37 weeks", the week the age falls short of.
  if (upper)
    return `born before ${formatGestationBound(upper.inclusive ? upper.value + 1 : upper.value, upper.unit)}`;
  return undefined;
};

const sinceConceptionLabel = ({ lower, upper }: GestationRange): string | undefined => {
  if (lower && upper) return `${between(lower, upper)} after conception`;
  if (lower) return `from ${first(lower)} after conception`;
  if (upper) return `through ${last(upper)} after conception`;
  return undefined;
};

/**
 * The limits from conception as people say them, from their bounds alone, as a band's label is
 * said from its bounds: "born before 37 weeks", "born at 37 weeks or later", "through 50 weeks
 * after conception", "from 51 weeks after conception". None for a rule without limits.
 */
export const gestationLabels = ({
  gestationalAgeAtBirth,
  postConceptionAge,
}: GestationLimits): string[] =>
  [
    gestationalAgeAtBirth && atBirthLabel(gestationalAgeAtBirth),
    postConceptionAge && sinceConceptionLabel(postConceptionAge),
  ].filter((label) => label !== undefined);
