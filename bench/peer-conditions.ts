import { periodBetween } from "../core/age.js";
import { bandEnd, bandStart } from "../core/age-band.js";
import { type CalendarDate, parseIsoDate, toEpochDay } from "../core/calendar-date.js";
import { dayRange, type GestationRange, gestationDays } from "../core/gestation.js";
import type { Rule } from "../core/rule-set.js";
import type { SelectionRequest } from "../core/select.js";

/*
 * The rules as a rules engine holds them, and a request as the facts it is asked about: what
 * code-rules works out from dates (the date of service as a day, the age in each unit, the age
 * from conception) is worked out beforehand here, so the peers are timed on their matching alone.
 */

/** What a peer is told of one request; every number is whole. */
export interface Facts {
  readonly procedure: string;
  readonly serviceDay: number;
  readonly days: number;
  readonly months: number;
  readonly years: number;
  readonly atBirth: number;
  readonly sinceConception: number;
}

export type NumericFact = Exclude<keyof Facts, "procedure">;

/** A fact from `min` (inclusive) to `below` (exclusive); a missing end does not limit. */
export interface Condition {
  readonly fact: NumericFact;
  readonly min?: number | undefined;
  readonly below?: number | undefined;
}

/** One rule as conditions on the facts, all of which must hold, and what it answers. */
export interface RuleConditions {
  readonly ruleId: string;
  readonly code: string;
  readonly procedure: string;
  readonly conditions: readonly Condition[];
}

const dateOf = (iso: string): CalendarDate => {
  const parsed = parseIsoDate(iso, "date");
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

const dayOf = (iso: string): number => toEpochDay(dateOf(iso));

const AGE_FACT = { days: "days", months: "months", years: "years" } as const;

/** The band's start and end, in their own units: one condition where both are in one unit. */
const ageConditions = (rule: Rule): Condition[] => {
  const start = bandStart(rule.band);
  const end = bandEnd(rule.band);
  if (end && end.unit === start.unit)
    return [{ fact: AGE_FACT[start.unit], min: start.value, below: end.value }];
  return [
    { fact: AGE_FACT[start.unit], min: start.value },
    ...(end ? [{ fact: AGE_FACT[end.unit], below: end.value }] : []),
  ];
};

const gestationCondition = (
  fact: "atBirth" | "sinceConception",
  range: GestationRange | undefined,
): Condition[] => {
  if (!range) return [];
  const { from, to } = dayRange(range);
  return [{ fact, min: from, below: to }];
};

export const ruleConditions = (rule: Rule): RuleConditions => ({
  ruleId: rule.id,
  code: rule.code,
  procedure: rule.procedure,
  conditions: [
    {
      fact: "serviceDay",
      min: dayOf(rule.effective.from),
      below: rule.effective.to === undefined ? undefined : dayOf(rule.effective.to) + 1,
    },
    ...ageConditions(rule),
    ...gestationCondition("atBirth", rule.gestationalAgeAtBirth),
    ...gestationCondition("sinceConception", rule.postConceptionAge),
  ],
});

/** The facts of a request with a date of birth and a gestational age at birth. */
export const factsOf = (request: SelectionRequest): Facts => {
  if (request.dateOfBirth === undefined || !request.gestationalAgeAtBirth)
    throw new Error("the peers are asked with a date of birth and a gestational age at birth");
  const service = dateOf(request.dateOfService);
  const age = periodBetween(dateOf(request.dateOfBirth), service);
  const atBirth = gestationDays(request.gestationalAgeAtBirth);
  return {
    procedure: request.procedure,
    serviceDay: toEpochDay(service),
    days: age.totalDays,
    months: age.totalMonths,
    years: age.years,
    atBirth,
    sinceConception: atBirth + age.totalDays,
  };
};
