import { AGE_UNITS, type Age, type AgeUnit } from "./age.js";
import { hasReached, type Threshold } from "./threshold.js";

/** One edge of a band: a whole age in one unit, inside the band (inclusive) or just outside it. */
export interface AgeBound {
  readonly value: number;
  readonly unit: AgeUnit;
  readonly inclusive: boolean;
}

/** The ages a rule applies to, compared in completed units of each bound's own unit. */
export interface AgeBand {
  readonly label: string;
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
