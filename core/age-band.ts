import { AGE_UNITS, type Age, type AgeUnit, formatAge } from "./age.js";
import { hasReached, type Threshold } from "./threshold.js";

/** One edge of a band: a whole age in one unit, inside the band (inclusive) or just outside it. */
export interface AgeBound {
  readonly value: number;
  readonly unit: AgeUnit;
  readonly inclusive: boolean;
}

/**
 * The ages a rule applies to, compared in completed units of each bound's own unit. It has no
 * label of its own: {@link bandLabel} says it from the bounds, so no label can disagree with them.
 */
export interface AgeBand {
  readonly lower: AgeBound;
  readonly upper?: AgeBound | undefined;
}

/** The threshold from which the band applies: "at least 29 days" starts on day 29. */
export const bandStart = ({ lower }: AgeBand): Threshold => ({
  unit: lower.unit,
  value: lower.inclusive ? lower.value : lower.value + 1,
});

/** The threshold at which the band stops applying: "through 5 years" stops at the 6th birthday. */
export const bandEnd = ({ upper }: AgeBand): Threshold | undefined =>
  upper && { unit: upper.unit, value: upper.inclusive ? upper.value + 1 : upper.value };

export const bandContains = (band: AgeBand, age: Age): boolean => {
  const end = bandEnd(band);
  return hasReached(age, bandStart(band)) && !(end && hasReached(age, end));
};

/** The unit a person would phrase this band's ages in: the coarsest its bounds use. */
export const bandUnit = ({ lower, upper }: AgeBand): AgeUnit =>
  upper && AGE_UNITS.indexOf(upper.unit) > AGE_UNITS.indexOf(lower.unit) ? upper.unit : lower.unit;

/**
 * The band as people say it, from its bounds alone: "birth through 5 years", "6 years and
 * older", "29 days through 23 months", "all ages". Completed ages are whole, so an exclusive
 * upper bound of 24 months is said as "through 23 months".
 */
export const bandLabel = (band: AgeBand): string => {
  const start = bandStart(band);
  const end = bandEnd(band);
  if (!end)
    return start.value === 0 ? "all ages" : `${formatAge(start.value, start.unit)} and older`;
  if (end.value === 0) return "no age";
  const from =
    start.value === 0
      ? "birth"
      : start.unit === end.unit
        ? String(start.value)
        : formatAge(start.value, start.unit);
  return `${from} through ${formatAge(end.value - 1, end.unit)}`;
};

const boundKey = (bound: AgeBound | undefined): string =>
  bound ? `${bound.value} ${bound.unit} ${bound.inclusive}` : "none";

/**
 * The band's bounds as a key: bands with the same key hold the same ages, whatever their labels.
 * Built field by field, as a rule read back from DynamoDB may list a bound's fields in any order.
 */
export const bandKey = ({ lower, upper }: AgeBand): string =>
  `${boundKey(lower)} to ${boundKey(upper)}`;
