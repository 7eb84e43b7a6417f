import { type Age, ageAt, formatAge, MAX_AGE_YEARS } from "./age.js";
import { bandEnd, bandKey, bandStart } from "./age-band.js";
import { latestBirthDate } from "./birth-dates.js";
import {
  type CalendarDate,
  compareDates,
  formatIsoDate,
  fromEpochDay,
  parseIsoDate,
  toEpochDay,
} from "./calendar-date.js";
import { type GestationLimits, limitsGestation } from "./gestation.js";
import { groupBy } from "./group-by.js";
import { describeLimitedChanges, limitsBesidesGestation, limitsKey } from "./impact-limits.js";
import type { PayerLimits } from "./payer.js";
import { limitsPayer } from "./payer.js";
import type { Rule, RuleSet } from "./rule-set.js";
import { inEffectOn, stretches } from "./stretch.js";
import {
  approximateDays,
  BIRTH,
  canPrecede,
  compareThresholds,
  GREGORIAN_CYCLE_DAYS,
  hasReached,
  type Threshold,
} from "./threshold.js";
import type { WeightLimits } from "./weight.js";
import { limitsWeight } from "./weight.js";

/** What a version answers for a patient: a code and its text. */
export interface Answer {
  readonly code: string;
  /**
   * The rule's own text. The ages callers read after it (servedText) follow the band, as an
   * answer's `band` does, so a moved edge is reported where the code changes, not across both bands.
   */
  readonly text: string;
  /**
   * Where rules split a band by age from conception, weight or payer: each one's code, text and
   * limits (the name is older than the weight and payer limits, and kept for callers). The band
   * then answers as a whole (`code` lists its codes), so a change to any of them marks the whole
   * band as changed rather than going unseen.
   */
  readonly byGestation?: readonly GestationAnswer[];
}

export interface GestationAnswer extends GestationLimits, WeightLimits, PayerLimits {
  readonly code: string;
  readonly text: string;
}

/**
 * The ages that have completed every `atLeast` threshold and none of the `youngerThan` ones. Each
 * list holds one threshold, or two where days meet months and which comes first depends on the
 * date of birth (no `youngerThan`: no upper end short of the age limit).
 */
export interface AgeInterval {
  readonly atLeast: readonly Threshold[];
  readonly youngerThan: readonly Threshold[];
}

/** Dates of service from `from` through `to`, both included; no `to`: with no end. */
export interface DateInterval {
  readonly from: string;
  readonly to?: string | undefined;
}

/**
 * Every patient of `procedure` whose age falls in `ages` on a date of service in `datesOfService`
 * was answered `before` and is answered `after` (null: no rule answers). `datesOfService.from`
 * is the first date on which some patient is in the region.
 */
export interface ImpactRegion {
  readonly procedure: string;
  readonly ages: AgeInterval;
  readonly datesOfService: DateInterval;
  readonly before: Answer | null;
  readonly after: Answer | null;
}

/** Where the age limit stops every answer: no region reaches past it. */
const AGE_LIMIT: Threshold = { value: MAX_AGE_YEARS + 1, unit: "years" };

/**
 * Every region of age × date of service where a patient's answer differs between two rule sets,
 * per procedure. Exact: the regions are cut at the band edges and effective periods of both sets,
 * and a pair of date of birth and date of service changes answer if and only if it lies in one.
 */
export const ruleSetImpact = (before: RuleSet, after: RuleSet): ImpactRegion[] => {
  const keys = new Set([...before.procedures, ...after.procedures].map((p) => p.key));
  const [rulesBefore, rulesAfter] = [before, after].map(({ rules }) =>
    groupBy(rules, (rule) => rule.procedure),
  );
  return [...keys]
    .sort()
    .flatMap((procedure) =>
      procedureImpact(
        procedure,
        rulesBefore?.get(procedure) ?? [],
        rulesAfter?.get(procedure) ?? [],
      ),
    );
};

/** The first date of service whose answer changes for some patient, if any does. */
export const earliestChange = (regions: readonly ImpactRegion[]): string | undefined =>
  regions.map((region) => region.datesOfService.from).sort()[0];

export const ageIntervalContains = (ages: AgeInterval, age: Age): boolean =>
  ages.atLeast.every((threshold) => hasReached(age, threshold)) &&
  !ages.youngerThan.some((threshold) => hasReached(age, threshold));

type Cell = Omit<ImpactRegion, "procedure" | "datesOfService">;

const procedureImpact = (
  procedure: string,
  before: readonly Rule[],
  after: readonly Rule[],
): ImpactRegion[] => {
  const cells = stretches([...before, ...after]).flatMap(({ from, to }) => {
    const [was, will] = [inEffectOn(before, from), inEffectOn(after, from)];
    return changedCells(runs(was), runs(will)).map((cell) => ({
      procedure,
      ages: cell.ages,
      datesOfService: { from, to },
      before: cell.before,
      after: cell.after,
    }));
  });
  return joinConsecutiveDates(cells)
    .flatMap(startOnFirstDateInside)
    .sort(
      (a, b) =>
        a.datesOfService.from.localeCompare(b.datesOfService.from) ||
        youngest(a.ages) - youngest(b.ages),
    );
};

const youngest = (ages: AgeInterval): number => Math.min(...ages.atLeast.map(approximateDays));

/** A stretch of ages, from `start` up to `end` (excluded), with one answer. */
interface Run {
  readonly start: Threshold;
  readonly end?: Threshold | undefined;
  readonly answer: Answer | null;
}

/** A band and what it answers: one rule's code, or the codes of the rules that split it. */
interface BandAnswer {
  readonly band: Rule["band"];
  readonly answer: Answer;
}

const bandAnswers = (rules: readonly Rule[]): BandAnswer[] => {
  // By id, so a version read back from DynamoDB (in key order) lists a band's codes as its file did.
  return [...groupBy(rules, (rule) => bandKey(rule.band)).values()].map((unordered) => {
    const group = [...unordered].sort((a, b) => (a.id < b.id ? -1 : 1));
    const [first] = group as [Rule, ...Rule[]];
    if (!group.some((rule) => limitsGestation(rule) || limitsWeight(rule) || limitsPayer(rule)))
      return { band: first.band, answer: { code: first.code, text: first.text } };
    const byGestation = group.map((rule) => {
      const { code, text, gestationalAgeAtBirth, postConceptionAge, weightGrams, payers } = rule;
      return {
        code,
        text,
        ...(gestationalAgeAtBirth ? { gestationalAgeAtBirth } : {}),
        ...(postConceptionAge ? { postConceptionAge } : {}),
        ...(weightGrams ? { weightGrams } : {}),
        ...(payers ? { payers } : {}),
      };
    });
    const unique = (values: readonly string[]) => [...new Set(values)];
    return {
      band: first.band,
      answer: {
        code: unique(group.map((rule) => rule.code)).join(" or "),
        text: unique(group.map((rule) => rule.text)).join(" / "),
        byGestation,
      },
    };
  });
};

/** The ages from birth up as runs of one answer each, for rules in effect on one date. */
const runs = (rules: readonly Rule[]): Run[] => {
  const ordered = bandAnswers(rules).sort(
    (a, b) => approximateDays(bandStart(a.band)) - approximateDays(bandStart(b.band)),
  );
  const result: Run[] = [];
  const add = (run: Run) => {
    const previous = result.at(-1);
    if (previous && sameAnswer(previous.answer, run.answer))
      result[result.length - 1] = { ...previous, end: run.end };
    else result.push(run);
  };
  let reached: Threshold | undefined = BIRTH;
  for (const { band, answer } of ordered) {
    if (!reached) break;
    const start = bandStart(band);
    if (compareThresholds(reached, start) === "before")
      add({ start: reached, end: start, answer: null });
    reached = bandEnd(band);
    add({ start, end: reached, answer });
  }
  if (reached) add({ start: reached, answer: null });
  return result;
};

const sameAnswer = (a: Answer | null, b: Answer | null): boolean =>
  a === null || b === null
    ? a === b
    : a.code === b.code && a.text === b.text && sameGestation(a, b);

const sameGestation = (a: Answer, b: Answer): boolean => {
  const key = ({ byGestation = [] }: Answer) =>
    byGestation.map((entry) => `${entry.code} ${entry.text} ${limitsKey(entry)}`).join("; ");
  return key(a) === key(b);
};

const changedCells = (before: readonly Run[], after: readonly Run[]): Cell[] =>
  before.flatMap((was) =>
    after.flatMap((is) => {
      if (sameAnswer(was.answer, is.answer)) return [];
      const ends = [was.end, is.end].filter((end) => end !== undefined);
      const ages = {
        atLeast: outermost([was.start, is.start], "after"),
        youngerThan: outermost(ends, "before"),
      };
      return isEmptyForEveryone(ages) ? [] : [{ ages, before: was.answer, after: is.answer }];
    }),
  );

/**
 * The latest of some starts ("after") or the earliest of some ends ("before"): each threshold that
 * no other one passes for every date of birth, so more than one where days meet months.
 */
const outermost = (thresholds: readonly Threshold[], beyond: "after" | "before"): Threshold[] =>
  thresholds.filter((threshold, index) =>
    thresholds.every((other, otherIndex) => {
      const order = compareThresholds(other, threshold);
      return order !== beyond && (order !== "same" || otherIndex >= index);
    }),
  );

const isEmptyForEveryone = ({ atLeast, youngerThan }: AgeInterval): boolean =>
  atLeast.some((start) => [...youngerThan, AGE_LIMIT].some((end) => !canPrecede(start, end)));

const sameThresholds = (a: readonly Threshold[], b: readonly Threshold[]): boolean =>
  a.length === b.length && a.every((t, i) => compareThresholds(t, b[i] as Threshold) === "same");

const dateOf = (iso: string): CalendarDate => {
  const parsed = parseIsoDate(iso, "date");
  if (!parsed.ok) throw new Error(`not a date: ${iso}`); // validated rule sets hold only dates
  return parsed.value;
};

const epochDayOf = (iso: string): number => toEpochDay(dateOf(iso));

/** Joins a region to the same change on the same ages just before it, so a run of dates reads once. */
const joinConsecutiveDates = (cells: readonly ImpactRegion[]): ImpactRegion[] => {
  const joined: ImpactRegion[] = [];
  for (const cell of cells) {
    const index = joined.findIndex(
      (region) =>
        region.datesOfService.to !== undefined &&
        epochDayOf(region.datesOfService.to) + 1 === epochDayOf(cell.datesOfService.from) &&
        sameAnswer(region.before, cell.before) &&
        sameAnswer(region.after, cell.after) &&
        sameThresholds(region.ages.atLeast, cell.ages.atLeast) &&
        sameThresholds(region.ages.youngerThan, cell.ages.youngerThan),
    );
    const region = joined[index];
    if (region)
      joined[index] = {
        ...region,
        datesOfService: { from: region.datesOfService.from, to: cell.datesOfService.to },
      };
    else joined.push(cell);
  }
  return joined;
};

/**
 * Moves a region's start to the first date of service on which some date of birth puts a patient
 * in it, and drops a region no patient is ever in. Only where days meet months can a date hold
 * nobody; the calendar repeats every 400 years, so one cycle of dates decides.
 */
const startOnFirstDateInside = (region: ImpactRegion): ImpactRegion[] => {
  const first = epochDayOf(region.datesOfService.from);
  const { to } = region.datesOfService;
  const last = Math.min(
    to === undefined ? Number.POSITIVE_INFINITY : epochDayOf(to),
    first + GREGORIAN_CYCLE_DAYS - 1,
  );
  for (let day = first; day <= last; day += 1) {
    const dateOfService = fromEpochDay(day);
    if (holdsSomeone(region.ages, dateOfService))
      return [{ ...region, datesOfService: { from: formatIsoDate(dateOfService), to } }];
  }
  return [];
};

/**
 * Whether some date of birth puts a patient in the ages on this date of service. Completed age
 * only grows as the date of birth moves back, so the youngest patient who has reached every start
 * is the one to test against the ends and the age limit.
 */
const holdsSomeone = (ages: AgeInterval, dateOfService: CalendarDate): boolean => {
  const births = ages.atLeast.map(({ value, unit }) => latestBirthDate(dateOfService, value, unit));
  const youngestBirth = births.reduce((a, b) => (compareDates(a, b) <= 0 ? a : b));
  const age = ageAt(youngestBirth, dateOfService);
  return age.ok && ageIntervalContains(ages, age.value);
};

/** "ecmo-cannula-insertion-percutaneous: ages 5 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33952" */
export const describeRegion = ({
  procedure,
  ages,
  datesOfService,
  before,
  after,
}: ImpactRegion): string =>
  `${procedure}: ${describeAges(ages)}, ${describeDates(datesOfService)}: ${describeChange(before, after)}`;

/** Regions as JSON (the CLI's --json, the studio's answers): as computed, each with the sentence a person reads. */
export const impactJson = (regions: readonly ImpactRegion[]) =>
  regions.map((region) => ({ ...region, description: describeRegion(region) }));

const describeAges = ({ atLeast, youngerThan }: AgeInterval): string => {
  const fromBirth = atLeast.every((start) => start.value === 0);
  if (youngerThan.length === 0)
    return fromBirth ? "all ages" : `ages ${either("later", atLeast.map(firstAge))} and older`;
  const through = either("earlier", youngerThan.map(lastAgeBefore));
  // Birth is said in the unit of the other end: "0 days through 28 days", "0 y 0 m 0 d through …".
  const from = fromBirth
    ? firstAge({ value: 0, unit: youngerThan[0]?.unit ?? "years" })
    : either("later", atLeast.map(firstAge));
  return `ages ${from} through ${through}`;
};

/** One age, or "the later of a and b" where a region's end depends on the date of birth. */
export const either = (which: "later" | "earlier", ages: readonly string[]): string =>
  ages.length === 1 ? (ages[0] ?? "") : `the ${which} of ${ages.join(" and ")}`;

const yearsMonthsDays = (totalMonths: number, days: number): string =>
  `${Math.floor(totalMonths / 12)} y ${totalMonths % 12} m ${days} d`;

// Completed years and months fix a point in (y, m, d) order; completed days do not (29 days may be
// 0 m 29 d or 1 m 1 d), so a day threshold is said in days.
const firstAge = ({ value, unit }: Threshold): string =>
  unit === "days" ? formatAge(value, "days") : yearsMonthsDays(monthsOf(value, unit), 0);

// The period's day count never exceeds 30, so "through 5 y 11 m 30 d" is every age short of 6 years.
const lastAgeBefore = ({ value, unit }: Threshold): string =>
  unit === "days" ? formatAge(value - 1, "days") : yearsMonthsDays(monthsOf(value, unit) - 1, 30);

const monthsOf = (value: number, unit: "months" | "years"): number =>
  unit === "years" ? value * 12 : value;

export const describeDates = ({ from, to }: DateInterval): string =>
  to === undefined ? `dates of service from ${from}` : `dates of service ${from} through ${to}`;

/**
 * "33951 → 33952", "33951 → 33951 (text changed)", "99152 or G0500 → 99152 or G0501 (for medicare:
 * G0500 → G0501)": what a region's answer becomes, each limited answer that changed said as such.
 */
export const describeChange = (before: Answer | null, after: Answer | null): string => {
  const name = (answer: Answer | null) => answer?.code ?? "no rule";
  const sameCode = before && after && before.code === after.code;
  if (limitsBesidesGestation(before, after))
    return `${name(before)} → ${name(after)} (${describeLimitedChanges(before, after)})`;
  const what = sameCode && !sameGestation(before, after) ? "limits on age from conception" : "text";
  return `${name(before)} → ${name(after)}${sameCode ? ` (${what} changed)` : ""}`;
};
