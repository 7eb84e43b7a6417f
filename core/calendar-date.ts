import { err, ok, type Result } from "./result.js";

/** A day in the proleptic Gregorian calendar, with no time of day and no time zone. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export type DateProblem =
  | { readonly kind: "malformed-date"; readonly field: string; readonly message: string }
  | { readonly kind: "impossible-date"; readonly field: string; readonly message: string };

/** YYYY-MM-DD: the form of every date the project reads. */
export const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
};

const ZERO = 48;
const HYPHEN = 45;

/** The number the ASCII digits of `text` from `from` to `to` (exclusive) write, or -1 if any is not one. */
const digitsAt = (text: string, from: number, to: number): number => {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * Parses a strict YYYY-MM-DD date (what ISO_DATE_PATTERN matches); `field` names the input in any
 * refusal. Read character by character: every selection parses two dates, and a regular
 * expression's match array was half of what a selection cost.
 */
export const parseIsoDate = (value: string, field: string): Result<CalendarDate, DateProblem> => {
  const year = value.length === 10 ? digitsAt(value, 0, 4) : -1;
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  const hyphens = value.charCodeAt(4) === HYPHEN && value.charCodeAt(7) === HYPHEN;
  if (year < 0 || month < 0 || day < 0 || !hyphens) {
    return err({
      kind: "malformed-date",
      field,
      message: `${field} must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`,
    });
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return err({
      kind: "impossible-date",
      field,
      message: `${field} ${value} is not a day of the calendar`,
    });
  }
  return ok({ year, month, day });
};

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

export const formatIsoDate = (date: CalendarDate): string =>
  `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;

/**
 * Days since 1970-01-01. Howard Hinnant's days_from_civil, so the arithmetic stays in integers
 * and never touches the host's Date or time zone.
 */
export const toEpochDay = ({ year, month, day }: CalendarDate): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
};

export const fromEpochDay = (epochDay: number): CalendarDate => {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
};

export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  fromEpochDay(toEpochDay(date) + days);

/** Adds whole months, clamping to the month's last day (java.time's LocalDate.plusMonths). */
export const addMonths = (date: CalendarDate, months: number): CalendarDate => {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
};

export const compareDates = (a: CalendarDate, b: CalendarDate): number =>
  toEpochDay(a) - toEpochDay(b);

/**
 * An instant's date in UTC, YYYY-MM-DD: "today" for dates of service when given the clock's now.
 * The core takes the instant; each runtime reads its own clock.
 */
export const utcDateOf = (instant: Date): string => instant.toISOString().slice(0, 10);
