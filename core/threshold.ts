import { type Age, type AgeUnit, ageIn, formatAge } from "./age.js";
import {
  addMonths,
  type CalendarDate,
  daysInMonth,
  fromEpochDay,
  toEpochDay,
} from "./calendar-date.js";

/** The moment a patient completes `value` `unit`s of age: "the 6th birthday", "day 29". */
export interface Threshold {
  readonly value: number;
  readonly unit: AgeUnit;
}

/** Whether a patient of this age has completed the threshold: "is at least 29 days old". */
export const hasReached = (age: Age, { value, unit }: Threshold): boolean =>
  ageIn(age, unit) >= value;

/** How two thresholds fall for every date of birth, or "depends" when the date of birth decides. */
export type Ordering = "before" | "same" | "after" | "depends";

interface Canonical {
  readonly unit: "days" | "months";
  readonly value: number;
}

// Years are exactly twelve months in java.time's counting, and month 0 is day 0 (birth).
const canonical = ({ value, unit }: Threshold): Canonical => {
  if (value === 0 || unit === "days") return { unit: "days", value };
  return { unit: "months", value: unit === "years" ? value * 12 : value };
};

const sign = (n: number): Ordering => (n < 0 ? "before" : n > 0 ? "after" : "same");

export const compareThresholds = (a: Threshold, b: Threshold): Ordering => {
  const x = canonical(a);
  const y = canonical(b);
  if (x.unit === y.unit) return sign(x.value - y.value);
  if (x.unit === "days") return compareDaysToMonths(x.value, y.value);
  const flipped = compareDaysToMonths(y.value, x.value);
  return flipped === "before" ? "after" : flipped === "after" ? "before" : flipped;
};

/** Whether `a` comes before `b` for at least one date of birth. */
export const canPrecede = (a: Threshold, b: Threshold): boolean => {
  const order = compareThresholds(a, b);
  if (order !== "depends") return order === "before";
  const [x, y] = [canonical(a), canonical(b)];
  return x.unit === "days"
    ? x.value < monthSpanInDays(y.value).max
    : monthSpanInDays(x.value).min < y.value;
};

const compareDaysToMonths = (days: number, months: number): Ordering => {
  // m months always take at least 28m and at most 31m + 3 days; only in between is a scan needed.
  if (days < 28 * months) return "before";
  if (days > 31 * months + 3) return "after";
  const { min, max } = monthSpanInDays(months);
  if (days < min) return "before";
  if (days > max) return "after";
  return min === max ? "same" : "depends";
};

/** The day on which a child born on `birth` completes `months` months (java.time.Period). */
export const monthAnniversary = (birth: CalendarDate, months: number): CalendarDate => {
  const target = addMonths(birth, months);
  return birth.day <= daysInMonth(target.year, target.month)
    ? target
    : fromEpochDay(toEpochDay(target) + 1);
};

/** The calendar repeats itself, weekdays and leap days included, every 400 years: this many days. */
export const GREGORIAN_CYCLE_DAYS = 146097;
const spans = new Map<number, { min: number; max: number }>();

/** Shortest and longest run of days that `months` months can be, over a whole 400-year cycle. */
const monthSpanInDays = (months: number): { min: number; max: number } => {
  const known = spans.get(months);
  if (known) return known;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let day = 0; day < GREGORIAN_CYCLE_DAYS; day += 1) {
    const span = toEpochDay(monthAnniversary(fromEpochDay(day), months)) - day;
    min = Math.min(min, span);
    max = Math.max(max, span);
  }
  const result = { min, max };
  spans.set(months, result);
  return result;
};

/** The moment of birth: where every age, and every band without a declared start, begins. */
export const BIRTH: Threshold = { value: 0, unit: "days" };

export const describeThreshold = ({ value, unit }: Threshold): string =>
  value === 0 ? "birth" : formatAge(value, unit);

const DAYS_PER_UNIT = { days: 1, months: 30.44, years: 365.25 } as const;

/** Roughly how many days a threshold is; only for putting bands in order, never for a decision. */
export const approximateDays = ({ value, unit }: Threshold): number => value * DAYS_PER_UNIT[unit];
