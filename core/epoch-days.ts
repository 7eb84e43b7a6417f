import { parseIsoDate, toEpochDay } from "./calendar-date.js";

/**
 * Days since 1970-01-01 of the dates the rules' periods give, each parsed once: the rules of a
 * version share a few dates (each January's), and a version at the limits has thousands of
 * stretches. Undefined for what is no date.
 */
export class EpochDays {
  readonly #days = new Map<string, number | undefined>();

  of(date: string): number | undefined {
    if (this.#days.has(date)) return this.#days.get(date);
    const parsed = parseIsoDate(date, "date");
    const day = parsed.ok ? toEpochDay(parsed.value) : undefined;
    this.#days.set(date, day);
    return day;
  }
}
