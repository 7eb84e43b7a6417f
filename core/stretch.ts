import { addDays, formatIsoDate, parseIsoDate } from "./calendar-date.js";
import { ordered } from "./ordered.js";
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
  // Each start with the day before it where a period's end made it (the day after that end): the
  // stretch before it ends there, with no date worked out again. Rules share their periods.
  const dayBefore = new Map<string, string | undefined>();
  const ends = new Set<string>();
  for (const { effective } of rules) {
    if (!dayBefore.has(effective.from)) dayBefore.set(effective.from, undefined);
    const { to } = effective;
    if (to !== undefined && !ends.has(to)) {
      ends.add(to);
      dayBefore.set(movedBy(to, 1), to);
    }
  }
  // In the order the rules are listed in, which is nearly always the order of their dates.
  const starts = ordered([...dayBefore.keys()], (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return starts.map((from, index) => {
    const next = starts[index + 1];
    return {
      from,
      to: next === undefined ? undefined : (dayBefore.get(next) ?? movedBy(next, -1)),
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
