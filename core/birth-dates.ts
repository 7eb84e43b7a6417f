import { type AgeUnit, ageIn, periodBetween } from "./age.js";
import { addDays, addMonths, type CalendarDate, toEpochDay } from "./calendar-date.js";

/**
 * The latest date of birth whose completed age in `unit` on `dateOfService` is at least `value`;
 * every earlier date of birth is at least as old.
 */
export const latestBirthDate = (
  dateOfService: CalendarDate,
  value: number,
  unit: AgeUnit,
): CalendarDate => {
  if (unit === "days") return addDays(dateOfService, -value);
  // Anniversaries move by at most a few days from plain month arithmetic (month ends, 29 February),
  // so start just past it and walk back to the youngest date of birth with that age.
  const estimate = addDays(addMonths(dateOfService, -(unit === "years" ? 12 * value : value)), 3);
  let birth = toEpochDay(estimate) > toEpochDay(dateOfService) ? dateOfService : estimate;
  while (ageIn(periodBetween(birth, dateOfService), unit) < value) birth = addDays(birth, -1);
  return birth;
};

/** The dates of birth, youngest first, whose completed age in `unit` on `dateOfService` is `value`. */
export const birthDatesForAge = (
  dateOfService: CalendarDate,
  value: number,
  unit: AgeUnit,
): CalendarDate[] => {
  const dates: CalendarDate[] = [];
  let birth = latestBirthDate(dateOfService, value, unit);
  for (; ageIn(periodBetween(birth, dateOfService), unit) === value; birth = addDays(birth, -1))
    dates.push(birth);
  return dates;
};
