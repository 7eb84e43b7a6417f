import { describe, expect, it } from "vitest";
import { toEpochDay } from "../../core/calendar-date.js";
import { EpochDays } from "../../core/epoch-days.js";
import { date } from "./support/dates.js";

describe("the days of the rules' period dates", () => {
  it("counts each date from 1970-01-01, as the calendar does, the same each time it is asked", () => {
    const days = new EpochDays();
    for (const asked of ["2026-01-01", "1970-01-01", "2024-02-29", "2026-01-01"])
      expect(days.of(asked)).toBe(toEpochDay(date(asked)));
  });

  it("has no day for what is no date of service: the day after 9999-12-31", () => {
    const days = new EpochDays();
    expect(days.of("10000-01-01")).toBeUndefined();
    expect(days.of("10000-01-01")).toBeUndefined();
  });
});
