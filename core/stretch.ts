import { addDays, formatIsoDate, parseIsoDate } from "./calendar-date.js";
import { isInEffect, type Rule } from "./rule-set.js";

/**
 * A run of dates of service over which the same rules are in effect (none, between two periods
 * that do not meet): from `from` through `to`, the day before the next stretch starts (none after
 * the last).
 */
export interface Stretch {
  readonly from: string;
  readonly to?: string | undefined;
  readonly rules: readonly Rule[];
}

/** Splits the dates of service at every rule's start and end into stretches of constant rules. */
export const stretches = (rules: readonly Rule[]): Stretch[] => {
  const dayAfter = (date: string): string => movedBy(date, 1);
  const edges = new Set(
    rules.flatMap((rule) => [
      rule.effective.from,
      ...(rule.effective.to ? [dayAfter(rule.effective.to)] : []),
    ]),
  );
  const starts = [...edges].sort();
  return starts.map((from, index) => {
    const next = starts[index + 1];
    return {
      from,
      to: next === undefined ? undefined : movedBy(next, -1),
      rules: inEffectOn(rules, from),
    };
  });
};

/** The rules in effect on a date of service. */
export const inEffectOn = (rules: readonly Rule[], dateOfService: string): Rule[] =>
  rules.filter((rule) => isInEffect(rule.effective, dateOfService));

/** An ISO date moved by whole days; the rules' dates are valid, so anything else stays as it is. */
const movedBy = (date: string, days: number): string => {
  const parsed = parseIsoDate(date, "date");
  return parsed.ok ? formatIsoDate(addDays(parsed.value, days)) : date;
};
