import { addMonths, type CalendarDate, formatIsoDate, toEpochDay } from "./calendar-date.js";
import { err, ok, type Result } from "./result.js";

/** Finest first: band units and ambiguity edges are ranked by this order. */
export const AGE_UNITS = ["days", "months", "years"] as const;
export type AgeUnit = (typeof AGE_UNITS)[number];

/** Oldest age we accept: anything older is a data-entry error, not a patient. */
export const MAX_AGE_YEARS = 150;

/**
 * Completed age at a date of service, as java.time.Period counts it: `years`, `months` and
 * `days` are the period's fields; `totalMonths` and `totalDays` are the completed age in months
 * and in days.
 */
export interface Age {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly totalMonths: number;
  readonly totalDays: number;
}

export type AgeProblem =
  | { readonly kind: "service-before-birth"; readonly message: string }
  | { readonly kind: "age-over-limit"; readonly message: string };

/** The completed age in one unit: what "N days/months/years old" means. */
export const ageIn = (age: Age, unit: AgeUnit): number => {
  switch (unit) {
    case "days":
      return age.totalDays;
    case "months":
      return age.totalMonths;
    case "years":
      return age.years;
  }
};

/**
 * java.time.Period.between for an end on or after the start: a month is completed on the
 * anniversary day, and a day of birth missing from the target month (29 February, the 31st)
 * completes on the first of the next month. For an end before the start only `totalDays` is
 * meaningful (negative): ageAt refuses such an age by it.
 */
export const periodBetween = (start: CalendarDate, end: CalendarDate): Age => {
  let totalMonths = end.year * 12 + end.month - (start.year * 12 + start.month);
  let days = end.day - start.day;
  if (totalMonths > 0 && days < 0) {
    totalMonths -= 1;
    days = toEpochDay(end) - toEpochDay(addMonths(start, totalMonths));
  }
  return {
    years: Math.floor(totalMonths / 12),
    months: totalMonths % 12,
    days,
    totalMonths,
    totalDays: toEpochDay(end) - toEpochDay(start),
  };
};

/** Completed age on the date of service, refused before birth and past {@link MAX_AGE_YEARS}. */
export const ageAt = (
  dateOfBirth: CalendarDate,
  dateOfService: CalendarDate,
): Result<Age, AgeProblem> => {
  const age = periodBetween(dateOfBirth, dateOfService);
  if (age.totalDays < 0) {
    return err({
      kind: "service-before-birth",
      message: `dateOfService ${formatIsoDate(dateOfService)} is before dateOfBirth ${formatIsoDate(dateOfBirth)}`,
    });
  }
  if (age.years > MAX_AGE_YEARS) return err(overLimit(formatAge(age.years, "years")));
  return ok(age);
};

export const overLimit = (what: string): AgeProblem => ({
  kind: "age-over-limit",
  message: `an age of ${what} is over the limit of ${MAX_AGE_YEARS} years`,
});

/** "1 month", "5 years": an age as people say it. */
export const formatAge = (value: number, unit: AgeUnit): string =>
  `${value} ${value === 1 ? unit.slice(0, -1) : unit}`;
