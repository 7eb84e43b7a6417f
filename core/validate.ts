import { type AgeBand, bandEnd, bandKey, bandLabel, bandStart } from "./age-band.js";
import { gapProblems, gestationProblems, limitsBesidesAge } from "./coverage-checks.js";
import { dayRange, limitsGestation } from "./gestation.js";
import { groupBy } from "./group-by.js";
import { issueField } from "./issue-message.js";
import { limitCoverageProblems, payerDeclarationProblems } from "./limit-coverage-checks.js";
import { err, ok, type Result } from "./result.js";
import type { RuleProblem } from "./rule-problem.js";
import {
  type Procedure,
  procedureSchema,
  type Rule,
  type RuleSet,
  ruleSchema,
  ruleSetShapeSchema,
  withoutBandLabel,
} from "./rule-set.js";
import { type Stretch, stretches } from "./stretch.js";
import { keepStretches } from "./stretch-index.js";
import { compareThresholds, describeThreshold, type Threshold } from "./threshold.js";
import { gramRange } from "./weight.js";
import * as z from "./zod.js";

/**
 * Checks a candidate rule set and returns either the validated set or every problem found, so
 * an admin fixes a file in one pass rather than one error at a time.
 */
export const validateRuleSet = (input: unknown): Result<RuleSet, RuleProblem[]> => {
  const shape = ruleSetShapeSchema.safeParse(input);
  if (!shape.success) return err(shape.error.issues.map((issue) => fromIssue(issue, {})));

  const problems: RuleProblem[] = [];
  const schemas = schemasFor(shape.data.procedures.length + shape.data.rules.length);
  const procedures = parseEach(
    shape.data.procedures,
    schemas.procedure,
    problems,
    (raw, index) => ({
      procedure: stringField(raw, "key") ?? `procedures[${index}]`,
    }),
  );
  const rules = parseEach(shape.data.rules, schemas.rule, problems, (raw, index) => ({
    ruleId: stringField(raw, "id") ?? `rules[${index}]`,
  })).map(withoutBandLabel);

  problems.push(
    ...duplicates(rules.map((rule) => rule.id)).map((id) => ({
      ruleId: id,
      field: "id",
      message: `rule id ${id} is used more than once`,
    })),
    ...duplicates(procedures.map((p) => p.key)).map((key) => ({
      procedure: key,
      field: "key",
      message: `procedure ${key} is declared more than once`,
    })),
    ...referenceProblems(procedures, rules),
    ...procedures.flatMap(coverageProblems),
  );
  const sound: Rule[] = [];
  for (const rule of rules) {
    const own = ruleProblems(rule);
    problems.push(...own);
    if (own.length === 0) sound.push(rule);
  }
  const soundByProcedure = groupBy(sound, (rule) => rule.procedure);
  const stretchesByProcedure = new Map<string, Stretch[]>();
  for (const procedure of procedures) {
    const own = soundByProcedure.get(procedure.key) ?? [];
    const split = stretches(own);
    stretchesByProcedure.set(procedure.key, split);
    problems.push(...procedureProblems(procedure, own, split));
  }
  if (problems.length > 0) return err(problems);
  const ruleSet = { procedures, rules } as unknown as RuleSet;
  // Every rule is sound here, so these are the stretches of each procedure's rules.
  keepStretches(ruleSet, stretchesByProcedure);
  return ok(ruleSet);
};

/**
 * From how many items a rule set is parsed with zod's compiled parsers of the same schemas: a
 * compile costs a few milliseconds, about what walking the schemas costs on a thousand items, and
 * then parses an item in well under half the time. Invalid items fall back to the schemas
 * themselves, so every problem reads the same; the shipped rules and most publishes never compile.
 */
const COMPILED_FROM_ITEMS = 1_000;

const walked = { rule: ruleSchema, procedure: procedureSchema };
let compiled: typeof walked | undefined;

const schemasFor = (items: number): typeof walked => {
  if (items < COMPILED_FROM_ITEMS) return walked;
  compiled ??= { rule: z.compile(ruleSchema), procedure: z.compile(procedureSchema) };
  return compiled;
};

type Locator = Pick<RuleProblem, "ruleId" | "procedure">;

const parseEach = <T>(
  items: readonly unknown[],
  schema: z.ZodMiniType<T>,
  problems: RuleProblem[],
  locate: (raw: unknown, index: number) => Locator,
): T[] =>
  items.flatMap((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return [parsed.data];
    problems.push(...parsed.error.issues.map((issue) => fromIssue(issue, locate(raw, index))));
    return [];
  });

const stringField = (raw: unknown, key: string): string | undefined => {
  const value =
    typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value.length > 0 ? value : undefined;
};

const fromIssue = (issue: z.core.$ZodIssue, where: Locator): RuleProblem => {
  return { ...where, field: issueField(issue, "(rule set)"), message: issue.message };
};

// Maps and sets keep validation n log n: 50,000 rules validate in well under 2 s (bench figure
// publish.validate50kSeconds), where lookups in lists took minutes.
const duplicates = (values: readonly string[]): string[] => {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
};

const referenceProblems = (
  procedures: readonly Procedure[],
  rules: readonly Rule[],
): RuleProblem[] => {
  const declared = new Set(procedures.map((p) => p.key));
  const used = new Set(rules.map((rule) => rule.procedure));
  return [
    ...rules
      .filter((rule) => !declared.has(rule.procedure))
      .map((rule) => ({
        ruleId: rule.id,
        field: "procedure",
        message: `procedure ${rule.procedure} is not declared under procedures`,
      })),
    ...procedures
      .filter((p) => !used.has(p.key))
      .map((p) => ({ procedure: p.key, field: "key", message: `procedure ${p.key} has no rules` })),
  ];
};

const ruleProblems = (rule: Rule): RuleProblem[] => {
  const problems: RuleProblem[] = [];
  const band = bandProblem(rule.band);
  if (band)
    problems.push({
      ruleId: rule.id,
      field: "band",
      message: `band '${bandLabel(rule.band)}' ${band}`,
    });
  for (const field of ["gestationalAgeAtBirth", "postConceptionAge", "weightGrams"] as const) {
    const range =
      field === "weightGrams"
        ? rule[field] && gramRange(rule[field])
        : rule[field] && dayRange(rule[field]);
    if (range?.to !== undefined && range.to <= range.from)
      problems.push({
        ruleId: rule.id,
        field,
        message: `is empty: no ${field === "weightGrams" ? "weight" : "age"} is in it`,
      });
  }
  const { from, to } = rule.effective;
  if (to !== undefined && to < from) {
    problems.push({
      ruleId: rule.id,
      field: "effective.to",
      message: `effective period ends (${to}) before it starts (${from})`,
    });
  }
  return problems;
};

const bandProblem = (band: AgeBand): string | undefined => {
  const end = bandEnd(band);
  if (!band.upper || !end) return undefined;
  if (compareThresholds(band.lower, band.upper) === "after")
    return "is inverted: its lower bound is above its upper bound";
  const order = compareThresholds(bandStart(band), end);
  if (order === "depends")
    return "mixes days and months so that whether it is empty depends on the date of birth";
  return order === "before" ? undefined : "is empty: no age is in it";
};

const coverageProblems = (procedure: Procedure): RuleProblem[] => {
  const { startsAt, stopsAt } = procedure.coverage ?? {};
  if (!startsAt || !stopsAt || compareThresholds(startsAt, stopsAt) === "before") return [];
  return [
    {
      procedure: procedure.key,
      field: "coverage",
      message: `coverage stops (${describeThreshold(stopsAt)}) at or before it starts (${describeThreshold(startsAt)})`,
    },
  ];
};

/**
 * Overlaps between any two rules, then gaps, for each stretch of dates with one set of rules.
 * Rules that share a band and limit age from conception split that band between them: they are
 * checked against each other over every gestational age, and as one band against the others.
 */
const procedureProblems = (
  procedure: Procedure,
  rules: readonly Rule[],
  split: readonly Stretch[],
): RuleProblem[] => [
  ...payerDeclarationProblems(procedure, rules),
  ...retiredProblems(procedure, rules),
  ...overlapProblems(rules),
  ...split.flatMap((stretch) => [
    ...gapProblems(procedure, stretch),
    ...gestationProblems(procedure, stretch),
    ...limitCoverageProblems(procedure, stretch),
  ]),
];

/** A retired procedure answers no rule from its retirement on: none of its rules may be in effect then. */
const retiredProblems = (procedure: Procedure, rules: readonly Rule[]): RuleProblem[] => {
  const from = procedure.retired?.from;
  if (from === undefined) return [];
  return rules
    .filter((rule) => rule.effective.to === undefined || rule.effective.to >= from)
    .map((rule) => ({
      ruleId: rule.id,
      field: "effective.to",
      message: `is in effect on or after ${from}, when ${procedure.key} is declared retired; end it before then`,
    }));
};

/** Rules that split one band by age from conception, weight or payer: checked between them. */
const splitByLimits = (a: Rule, b: Rule): boolean =>
  [a, b].some((rule) => limitsGestation(rule) || limitsBesidesAge(rule)) &&
  bandKey(a.band) === bandKey(b.band);

/** Each pair of rules once, the later one named: loops, as a version at the limits has 15,000 pairs. */
const overlapProblems = (rules: readonly Rule[]): RuleProblem[] => {
  const problems: RuleProblem[] = [];
  for (let index = 1; index < rules.length; index += 1)
    for (let before = 0; before < index; before += 1) {
      const problem = overlapProblem(rules[before] as Rule, rules[index] as Rule);
      if (problem) problems.push(problem);
    }
  return problems;
};

const overlapProblem = (earlier: Rule, later: Rule): RuleProblem | undefined => {
  if (!periodsOverlap(earlier, later) || splitByLimits(earlier, later)) return undefined;
  const overlap = bandsOverlap(earlier.band, later.band);
  if (overlap === "no") return undefined;
  const how = overlap === "yes" ? "overlaps" : "may overlap, depending on the date of birth,";
  return {
    ruleId: later.id,
    field: "band",
    message: `band '${bandLabel(later.band)}' ${how} band '${bandLabel(earlier.band)}' of rule ${earlier.id} on overlapping effective periods`,
  };
};

const periodsOverlap = (a: Rule, b: Rule): boolean =>
  a.effective.from <= (b.effective.to ?? "9999-12-31") &&
  b.effective.from <= (a.effective.to ?? "9999-12-31");

const startsBefore = (start: Threshold, end: Threshold | undefined): "yes" | "no" | "depends" => {
  if (!end) return "yes";
  const order = compareThresholds(start, end);
  return order === "before" ? "yes" : order === "depends" ? "depends" : "no";
};

const bandsOverlap = (a: AgeBand, b: AgeBand): "yes" | "no" | "depends" => {
  const checks = [startsBefore(bandStart(a), bandEnd(b)), startsBefore(bandStart(b), bandEnd(a))];
  if (checks.includes("no")) return "no";
  return checks.includes("depends") ? "depends" : "yes";
};

/** The rule set with no procedures and no rules: what a table with no active version answers. */
export const EMPTY_RULE_SET: RuleSet = (() => {
  const empty = validateRuleSet({ procedures: [], rules: [] });
  if (!empty.ok) throw new Error("the empty rule set does not validate");
  return empty.value;
})();
