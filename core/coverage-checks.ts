import { bandEnd, bandKey, bandLabel, bandStart } from "./age-band.js";
import {
  type DayRange,
  dayRange,
  EVERY_GESTATION,
  formatGestation,
  inDayRange,
  limitsGestation,
} from "./gestation.js";
import { groupBy } from "./group-by.js";
import { ordered } from "./ordered.js";
import { limitsPayer } from "./payer.js";
import type { RuleProblem } from "./rule-problem.js";
import type { Procedure, Rule } from "./rule-set.js";
import type { Stretch } from "./stretch.js";
import {
  approximateDays,
  BIRTH,
  compareThresholds,
  describeThreshold,
  type Threshold,
} from "./threshold.js";
import { limitsWeight } from "./weight.js";

/*
 * The coverage checks of the validator: for each stretch of dates of service, every age from birth
 * up must have a band (unless the procedure says where its coverage starts or stops), and where
 * rules split a band by age from conception, every gestational age and post-conception age too.
 */

/** Walks the bands from the youngest age up and reports each age no band covers. */
export const gapProblems = (procedure: Procedure, { from, rules }: Stretch): RuleProblem[] => {
  const problems: RuleProblem[] = [];
  const when = `on dates of service from ${from}`;
  const youngestFirst = ordered(
    rules,
    (a, b) => approximateDays(bandStart(a.band)) - approximateDays(bandStart(b.band)),
  );
  let reached: Threshold | undefined = procedure.coverage?.startsAt ?? BIRTH;
  for (const rule of youngestFirst) {
    const start = bandStart(rule.band);
    if (reached) {
      const order = compareThresholds(reached, start);
      if (order === "before") {
        problems.push({
          ruleId: rule.id,
          field: "band.lower",
          message: `${when}, ages from ${describeThreshold(reached)} up to ${describeThreshold(start)} are covered by no band of ${procedure.key}`,
        });
      } else if (order === "depends") {
        problems.push({
          ruleId: rule.id,
          field: "band.lower",
          message: `${when}, band '${bandLabel(rule.band)}' starts at ${describeThreshold(start)}, which meets ${describeThreshold(reached)} only for some dates of birth; use one unit on both sides of the edge`,
        });
      }
    }
    reached = later(reached, bandEnd(rule.band));
  }
  const last = youngestFirst.at(-1);
  const stopsAt = procedure.coverage?.stopsAt;
  if (!last || !reached) {
    if (stopsAt && last)
      problems.push({
        ruleId: last.id,
        field: "band.upper",
        message: `${when}, band '${bandLabel(last.band)}' has no upper bound, but ${procedure.key} declares its coverage stops at ${describeThreshold(stopsAt)}`,
      });
    return problems;
  }
  if (!stopsAt) {
    problems.push({
      ruleId: last.id,
      field: "band.upper",
      message: `${when}, ages from ${describeThreshold(reached)} on are covered by no band of ${procedure.key}; cover them or declare coverage.stopsAt`,
    });
  } else if (compareThresholds(reached, stopsAt) !== "same") {
    problems.push({
      ruleId: last.id,
      field: "band.upper",
      message: `${when}, the bands of ${procedure.key} end at ${describeThreshold(reached)}, but its coverage is declared to stop at ${describeThreshold(stopsAt)}`,
    });
  }
  return problems;
};

/**
 * For each band that rules split by age from conception: at every gestational age at birth the
 * rules must cover every post-conception age from birth on, each age once. Problems found at
 * neighbouring gestational ages are reported once, with the range of gestational ages.
 */
export const gestationProblems = (procedure: Procedure, { from, rules }: Stretch): RuleProblem[] =>
  // Most stretches have no such rule: they are not grouped at all.
  rules.some(limitsGestation)
    ? [...groupBy(rules, (rule) => bandKey(rule.band)).values()]
        .filter((group) => group.some(limitsGestation) && !group.some(limitsBesidesAge))
        .flatMap((group) =>
          gestationGroupProblems(group, `on dates of service from ${from}`, procedure),
        )
    : [];

/** Whether a rule is limited by weight or payer (core/limit-coverage-checks.ts covers those). */
export const limitsBesidesAge = (rule: Rule): boolean => limitsWeight(rule) || limitsPayer(rule);

/**
 * The check above for one band's rules (or those of them that hold at one weight and payer), each
 * problem said once for the gestational ages it is found at, after `when`.
 */
export const gestationGroupProblems = (
  group: readonly Rule[],
  when: string,
  procedure: Procedure,
): RuleProblem[] => {
  const [first] = group;
  if (!first) return [];
  const found = new Map<string, { problem: RuleProblem; gestations: number[] }>();
  const band = bandLabel(first.band);
  // The limits as day ranges once per group, not once per gestational age.
  const limits = group.map((rule) => ({
    rule,
    atBirth: dayRange(rule.gestationalAgeAtBirth),
    range: dayRange(rule.postConceptionAge),
  }));
  for (const atBirth of EVERY_GESTATION) {
    for (const problem of postConceptionProblems(limits, first, atBirth)) {
      const key = `${problem.ruleId} ${problem.message}`;
      const entry = found.get(key) ?? { problem, gestations: [] };
      entry.gestations.push(atBirth);
      found.set(key, entry);
    }
  }
  return [...found.values()].map(({ problem, gestations }) => ({
    ...problem,
    message: `${when}, for gestational ages at birth ${dayRuns(gestations)}, ${problem.message} in band '${band}' of ${procedure.key}`,
  }));
};

interface DayLimits {
  readonly rule: Rule;
  readonly atBirth: DayRange;
  readonly range: DayRange;
}

/** Walks the post-conception ages from birth up through the rules that hold at this gestational age. */
const postConceptionProblems = (
  limits: readonly DayLimits[],
  first: Rule,
  atBirth: number,
): RuleProblem[] => {
  const problems: RuleProblem[] = [];
  const ranges = limits
    .filter((limit) => inDayRange(limit.atBirth, atBirth))
    .filter(({ range }) => range.to === undefined || range.to > atBirth)
    .sort((a, b) => a.range.from - b.range.from);
  let reached: number | undefined = atBirth;
  let previous: Rule | undefined;
  for (const { rule, range } of ranges) {
    const start = Math.max(range.from, atBirth);
    if (reached === undefined || start < reached) {
      const end = reached === undefined ? range.to : Math.min(reached, range.to ?? reached);
      const upTo = end === undefined ? " on" : ` up to ${formatGestation(end)}`;
      problems.push({
        ruleId: rule.id,
        field: "postConceptionAge",
        message: `post-conception ages from ${describeDays(start, atBirth)}${upTo} are covered by both ${previous?.id} and ${rule.id}`,
      });
    } else if (start > reached) {
      problems.push({
        ruleId: rule.id,
        field: "postConceptionAge",
        message: `post-conception ages from ${describeDays(reached, atBirth)} up to ${formatGestation(start)} are covered by no rule`,
      });
    }
    reached =
      reached === undefined || range.to === undefined ? undefined : Math.max(reached, range.to);
    previous = rule;
  }
  if (reached !== undefined) {
    problems.push({
      ruleId: (previous ?? first).id,
      field: "postConceptionAge",
      message: `post-conception ages from ${describeDays(reached, atBirth)} on are covered by no rule`,
    });
  }
  return problems;
};

const describeDays = (days: number, atBirth: number): string =>
  days === atBirth ? "birth" : formatGestation(days);

/** "22 weeks 0 days to 36 weeks 6 days": runs of consecutive day counts. */
const dayRuns = (days: readonly number[]): string => {
  const runs: { from: number; to: number }[] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && last.to === day) runs[runs.length - 1] = { from: last.from, to: day + 1 };
    else runs.push({ from: day, to: day + 1 });
  }
  return runs
    .map(({ from, to }) =>
      to - from === 1
        ? formatGestation(from)
        : `${formatGestation(from)} to ${formatGestation(to - 1)}`,
    )
    .join(", ");
};

/** The later of two ends, where undefined means "no end"; ends that cross are kept as reached. */
const later = (
  reached: Threshold | undefined,
  end: Threshold | undefined,
): Threshold | undefined =>
  !reached || !end ? undefined : compareThresholds(reached, end) === "before" ? end : reached;
