import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Age, ageAt, ageIn, periodBetween } from "../../core/age.js";
import {
  type CalendarDate,
  formatIsoDate,
  fromEpochDay,
  parseIsoDate,
  toEpochDay,
} from "../../core/calendar-date.js";
import { date, datePair as pair } from "./support/dates.js";

const age = (birth: string, service: string): Age => {
  const result = ageAt(date(birth), date(service));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe("parseIsoDate", () => {
  it.each(["2026-1-05", "26-01-05", "2026/01/05", "2026-01-05T00:00:00Z", " 2026-01-05", ""])(
    "refuses %j as malformed",
    (text) => {
      const result = parseIsoDate(text, "dateOfBirth");
      expect(result).toMatchObject({
        ok: false,
        error: { kind: "malformed-date", field: "dateOfBirth" },
      });
    },
  );

  it.each([
    "2026-02-29",
    "2026-02-30",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "0000-01-01",
  ])("refuses %s as a day that is not in the calendar", (text) => {
    const result = parseIsoDate(text, "dateOfService");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe("impossible-date");
      expect(result.error.message).toBe(`dateOfService ${text} is not a day of the calendar`);
    }
  });

  it("accepts 29 February in leap years, century rule included", () => {
    expect(parseIsoDate("2024-02-29", "d").ok).toBe(true);
    expect(parseIsoDate("2000-02-29", "d").ok).toBe(true);
    expect(parseIsoDate("1900-02-29", "d").ok).toBe(false);
  });

  it("round-trips every day through epoch days and ISO text", () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (epochDay) => {
        const day = fromEpochDay(epochDay);
        expect(toEpochDay(day)).toBe(epochDay);
        expect(parseIsoDate(formatIsoDate(day), "d")).toEqual({ ok: true, value: day });
      }),
    );
  });

  it("counts epoch days as the platform's UTC calendar does", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("0100-01-01"), max: new Date("9999-12-31"), noInvalidDate: true }),
        (instant) => {
          const epochDay = Math.floor(instant.getTime() / 86_400_000);
          expect(formatIsoDate(fromEpochDay(epochDay))).toBe(instant.toISOString().slice(0, 10));
        },
      ),
    );
  });
});

describe("ageAt", () => {
  it("is zero on the day of birth", () => {
    expect(age("2026-11-24", "2026-11-24")).toEqual({
      years: 0,
      months: 0,
      days: 0,
      totalMonths: 0,
      totalDays: 0,
    });
  });

  it("completes a year on the birthday, not the day before", () => {
    expect(age("2020-11-24", "2026-11-23")).toMatchObject({ years: 5, months: 11, days: 30 });
    expect(age("2020-11-24", "2026-11-24")).toMatchObject({ years: 6, months: 0, days: 0 });
    expect(age("2020-11-24", "2026-11-25")).toMatchObject({ years: 6, months: 0, days: 1 });
  });

  it("turns someone born on 29 February a year older on 1 March in common years", () => {
    expect(age("2020-02-29", "2026-02-28")).toMatchObject({ years: 5, months: 11, days: 30 });
    expect(age("2020-02-29", "2026-03-01")).toMatchObject({ years: 6, months: 0, days: 1 });
    expect(age("2020-02-29", "2028-02-29")).toMatchObject({ years: 8, months: 0, days: 0 });
    expect(age("2020-02-29", "2028-02-28")).toMatchObject({ years: 7, months: 11, days: 30 });
  });

  it("completes a month from the 31st on the first of the next month when the target month is short", () => {
    expect(age("2021-01-31", "2021-02-28")).toMatchObject({ months: 0, days: 28, totalMonths: 0 });
    expect(age("2021-01-31", "2021-03-01")).toMatchObject({ months: 1, days: 1, totalMonths: 1 });
    expect(age("2021-01-31", "2021-03-31")).toMatchObject({ months: 2, days: 0, totalMonths: 2 });
    expect(age("2021-03-31", "2021-04-30")).toMatchObject({ months: 0, days: 30 });
    expect(age("2021-03-31", "2021-05-01")).toMatchObject({ months: 1, days: 1 });
  });

  it("counts day 28 and day 29 of life, the edge of neonatal codes", () => {
    expect(age("2026-01-01", "2026-01-29").totalDays).toBe(28);
    expect(age("2026-01-01", "2026-01-30").totalDays).toBe(29);
  });

  it("refuses a date of service before the date of birth", () => {
    const result = ageAt(date("2026-11-25"), date("2026-11-24"));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: "service-before-birth",
        message: "dateOfService 2026-11-24 is before dateOfBirth 2026-11-25",
      },
    });
  });

  it("accepts 150 completed years and refuses 151", () => {
    expect(ageAt(date("1876-11-24"), date("2026-11-23")).ok).toBe(true);
    expect(ageAt(date("1876-11-25"), date("2026-11-24")).ok).toBe(true);
    const result = ageAt(date("1875-11-24"), date("2026-11-24"));
    expect(result).toMatchObject({ ok: false, error: { kind: "age-over-limit" } });
    if (!result.ok)
      expect(result.error.message).toBe("an age of 151 years is over the limit of 150 years");
  });
});

/** An independent anniversary, on the platform's Date: a missing day rolls to the 1st of the next month. */
const anniversary = (birth: CalendarDate, months: number): number => {
  const target = new Date(Date.UTC(2000, 0, 1));
  target.setUTCFullYear(birth.year, birth.month - 1 + months, 1);
  const lastDay = new Date(Date.UTC(2000, 0, 1));
  lastDay.setUTCFullYear(target.getUTCFullYear(), target.getUTCMonth() + 1, 0);
  const day = birth.day <= lastDay.getUTCDate() ? birth.day : lastDay.getUTCDate() + 1;
  return Math.floor(target.getTime() / 86_400_000) + day - 1;
};

describe("ageAt against independent references", () => {
  it("counts completed months as the last anniversary on or before the date of service", () => {
    fc.assert(
      fc.property(pair, ({ birth, service }) => {
        const { totalMonths } = periodBetween(birth, service);
        expect(anniversary(birth, totalMonths)).toBeLessThanOrEqual(toEpochDay(service));
        expect(anniversary(birth, totalMonths + 1)).toBeGreaterThan(toEpochDay(service));
      }),
      { numRuns: 5_000 },
    );
  });

  it("never shrinks as the date of service moves on, in any unit", () => {
    fc.assert(
      fc.property(pair, ({ birth, service }) => {
        const today = periodBetween(birth, service);
        const tomorrow = periodBetween(birth, fromEpochDay(toEpochDay(service) + 1));
        for (const unit of ["days", "months", "years"] as const) {
          expect(ageIn(tomorrow, unit) - ageIn(today, unit)).toBeGreaterThanOrEqual(0);
          expect(ageIn(tomorrow, unit) - ageIn(today, unit)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
