import fc from "fast-check";
import {
  type CalendarDate,
  fromEpochDay,
  parseIsoDate,
  toEpochDay,
} from "../../../core/calendar-date.js";

/** A calendar date from its ISO text; throws on anything that is not one. */
export const date = (iso: string): CalendarDate => {
  const parsed = parseIsoDate(iso, "date");
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

const day = fc.integer({
  min: toEpochDay(date("1870-01-01")),
  max: toEpochDay(date("2100-12-31")),
});

/** A date of birth and a date of service on or after it, up to about 164 years apart. */
export const datePair = fc
  .tuple(day, fc.integer({ min: 0, max: 60_000 }))
  .map(([birth, span]) => ({ birth: fromEpochDay(birth), service: fromEpochDay(birth + span) }));
