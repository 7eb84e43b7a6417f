import { addDays, formatIsoDate, parseIsoDate } from "./calendar-date.js";
import { isInEffect, type Rule } from "./rule-set.js";

/** A run of dates of service over which the same rules are in effect. */
export interface Stretch {
  readonly from: string;
  /** The stretch's last date of service; undefined when it runs on with no end. */
  readonly to?: string | undefined;
  readonly rules: readonly Rule[];
}

const shift = (date: string, days: number): string => {
  const parsed = parseIsoDate(date, "date");
  return parsed.ok ? formatIsoDate(addDays(parsed.value, days)) : date;
};

/**
 * Splits the dates of service at every rule's start and end into stretches of constant rules;
 * dates on which no rule is in effect belong to no stretch.
 */
export const stretches = (rules: readonly Rule[]): Stretch[] => {
  const edges = [
    ...new Set(
      rules.flatMap((rule) => [
        rule.effective.from,
        ...(rule.effective.to ? [shift(rule.effective.to, 1)] : []),
      ]),
    ),
  ].sort();
  return edges
    .map((from, index) => {
      const next = edges[index + 1];
      return {
        from,
        to: next === undefined ? undefined : shift(next, -1),
        rules: rules.filter((rule) => isInEffect(rule.effective, from)),
      };
    })
    .filter((stretch) => stretch.rules.length > 0);
};
