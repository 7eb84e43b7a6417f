import { addDays, formatIsoDate, parseIsoDate } from "./calendar-date.js";
import { isInEffect, type Rule } from "./rule-set.js";

/**
 * A run of dates of service over which the same rules are in effect (none, between two periods
 * that do not meet): from `from` up to the day before the next stretch starts.
 */
export interface Stretch {
  readonly from: string;
  readonly rules: readonly Rule[];
}

/** Splits the dates of service at every rule's start and end into stretches of constant rules. */
export const stretches = (rules: readonly Rule[]): Stretch[] => {
  const dayAfter = (date: string): string => {
    const parsed = parseIsoDate(date, "date");
    return parsed.ok ? formatIsoDate(addDays(parsed.value, 1)) : date;
  };
  const edges = new Set(
    rules.flatMap((rule) => [
      rule.effective.from,
      ...(rule.effective.to ? [dayAfter(rule.effective.to)] : []),
    ]),
  );
  return [...edges]
    .sort()
    .map((from) => ({ from, rules: rules.filter((rule) => isInEffect(rule.effective, from)) }));
};
