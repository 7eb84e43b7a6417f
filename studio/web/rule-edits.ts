import type { AgeUnit } from "../../core/age.js";
import type { AgeBand } from "../../core/age-band.js";
import { addDays, formatIsoDate, parseIsoDate } from "../../core/calendar-date.js";
import { isInEffect, type Rule } from "../../core/rule-set.js";
import type { Content } from "./content.js";

/**
 * The edits a coding manager makes in the grid, each on one rule by its id (or one procedure by
 * its key), each giving a new rule set and leaving the one it was given as it was.
 */

/** An age as typed: a whole number, or what was typed where it is not one (the validator names it). */
export interface TypedAge {
  readonly value: number;
  readonly unit: AgeUnit;
}

/** A band as the grid edits it: from an age (0: birth) through an age, or with no upper age. */
export interface TypedAges {
  readonly from: TypedAge;
  /** Absent: "and older". */
  readonly through?: TypedAge | undefined;
}

/** The rule set with one rule, by its id, changed. */
export const withRule = (content: Content, id: string, change: (rule: Rule) => Rule): Content => ({
  ...content,
  rules: content.rules.map((rule) => (rule.id === id ? change(rule) : rule)),
});

/**
 * A band's ages as the grid shows them for editing: the first completed age in and the last,
 * whichever way its bounds were written ("younger than 6 years" is "through 5 years").
 */
export const typedAges = ({ lower, upper }: AgeBand): TypedAges => ({
  from: { value: lower.inclusive ? lower.value : lower.value + 1, unit: lower.unit },
  through: upper && {
    value: upper.inclusive ? upper.value : upper.value - 1,
    unit: upper.unit,
  },
});

/** Ages typed become a band of completed ages, both ends in the band. */
export const setAges = (content: Content, id: string, ages: TypedAges): Content =>
  withRule(content, id, (rule) => ({
    ...rule,
    band: {
      lower: { ...ages.from, inclusive: true },
      ...(ages.through && { upper: { ...ages.through, inclusive: true } }),
    },
  }));

export type TextField = "code" | "text" | "source";

export const setText = (content: Content, id: string, field: TextField, value: string): Content =>
  withRule(content, id, (rule) => ({ ...rule, [field]: value }));

/** A rule's first or last date of service; an empty last date: no end. */
export const setEffective = (
  content: Content,
  id: string,
  which: "from" | "to",
  value: string,
): Content =>
  withRule(content, id, (rule) => {
    if (which === "from") return { ...rule, effective: { ...rule.effective, from: value } };
    const { to: _, ...rest } = rule.effective;
    return { ...rule, effective: value === "" ? rest : { ...rest, to: value } };
  });

export const removeRule = (content: Content, id: string): Content => ({
  ...content,
  rules: content.rules.filter((rule) => rule.id !== id),
});

const dayBefore = (date: string): string | undefined => {
  const parsed = parseIsoDate(date, "date");
  return parsed.ok ? formatIsoDate(addDays(parsed.value, -1)) : undefined;
};

/**
 * An id no rule has: the rule's own with the date it starts (in place of a date an earlier copy
 * was given), then a number if that is taken.
 */
const freshId = (taken: ReadonlySet<string>, id: string, date: string): string => {
  const base = `${id.replace(/-from-\d{4}-\d{2}-\d{2}(-\d+)?$/, "")}-from-${date}`;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
};

/** What starting new rules from a date did: the rule set, and the ids of the rules it added. */
export interface NewRulesFrom {
  readonly content: Content;
  readonly added: readonly string[];
}

/**
 * The yearly code update, for one procedure: every rule in effect on `date` that began before it
 * ends the day before, and a copy of it (a new rule, with a new id) starts on `date`, to be
 * edited. Dates of service before `date` keep the answers they had, so claims already coded stay
 * as they were. Rules that start on `date` already are left as they are.
 */
export const startNewRulesFrom = (
  content: Content,
  procedure: string,
  date: string,
): NewRulesFrom => {
  const lastDay = dayBefore(date);
  if (lastDay === undefined) return { content, added: [] };
  const taken = new Set(content.rules.map((rule) => rule.id));
  const added: Rule[] = [];
  const ended = content.rules.map((rule) => {
    if (rule.procedure !== procedure || !isInEffect(rule.effective, date)) return rule;
    if (rule.effective.from >= date) return rule;
    const id = freshId(taken, rule.id, date);
    taken.add(id);
    added.push({ ...rule, id, effective: { ...rule.effective, from: date } });
    return { ...rule, effective: { from: rule.effective.from, to: lastDay } };
  });
  return { content: { ...content, rules: [...ended, ...added] }, added: added.map((r) => r.id) };
};
