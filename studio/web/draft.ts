import type { AgeBound } from "../../core/age-band.js";
import type { GestationBound, GestationLimits } from "../../core/gestation.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { Procedure, Rule } from "../../core/rule-set.js";
import type { Threshold } from "../../core/threshold.js";
import type { Content } from "./api.js";

/** A draft: rules being edited, and the version they started from (what a publish replaces). */
export interface Draft {
  readonly baseVersion: number | null;
  readonly content: Content;
}

/** The fields a rule row edits, each a path into the rule as the validator names it. */
const RULE_FIELDS = [
  "id",
  "code",
  "text",
  "band.lower",
  "band.upper",
  "effective.from",
  "effective.to",
  "source",
  "notes",
  "gestationalAgeAtBirth",
  "postConceptionAge",
] as const;

export type RuleField = (typeof RULE_FIELDS)[number];

/** A rule's limits by age from conception, beside its band. */
export type GestationLimit = keyof GestationLimits;

const withRule = (draft: Draft, index: number, change: (rule: Rule) => Rule): Draft => ({
  ...draft,
  content: {
    ...draft.content,
    rules: draft.content.rules.map((rule, at) => (at === index ? change(rule) : rule)),
  },
});

const withProcedure = (
  draft: Draft,
  index: number,
  change: (procedure: Procedure) => Procedure,
): Draft => ({
  ...draft,
  content: {
    ...draft.content,
    procedures: draft.content.procedures.map((procedure, at) =>
      at === index ? change(procedure) : procedure,
    ),
  },
});

/**
 * A range (a limit's lower and upper bound, a coverage's start and stop) with its `which` end set
 * or taken away; with none of its `ends` left, no range at all.
 */
const withEnd = <End extends string, Value>(
  range: Partial<Record<End, Value>> | undefined,
  ends: readonly End[],
  which: End,
  value: Value | undefined,
): Partial<Record<End, Value>> | undefined => {
  const changed: Partial<Record<End, Value>> = { ...range, [which]: value };
  return ends.some((end) => changed[end] !== undefined) ? changed : undefined;
};

/** Optional text: empty means absent, as in a rule file. */
const optional = (value: string): string | undefined => (value === "" ? undefined : value);

export const setRuleText = (
  draft: Draft,
  index: number,
  field: "id" | "code" | "text" | "source" | "notes" | "effective.from" | "effective.to",
  value: string,
): Draft =>
  withRule(draft, index, (rule) => {
    if (field === "effective.from")
      return { ...rule, effective: { ...rule.effective, from: value } };
    if (field === "effective.to")
      return { ...rule, effective: { from: rule.effective.from, to: optional(value) } };
    if (field === "notes") return { ...rule, notes: optional(value) };
    return { ...rule, [field]: value };
  });

export const setBound = (
  draft: Draft,
  index: number,
  which: "lower" | "upper",
  bound: AgeBound | undefined,
): Draft => withRule(draft, index, (rule) => ({ ...rule, band: { ...rule.band, [which]: bound } }));

/** Sets or takes away one bound of a rule's limit by age from conception; no bound left, no limit. */
export const setGestationBound = (
  draft: Draft,
  index: number,
  limit: GestationLimit,
  which: "lower" | "upper",
  bound: GestationBound | undefined,
): Draft =>
  withRule(draft, index, (rule) => ({
    ...rule,
    [limit]: withEnd(rule[limit], ["lower", "upper"], which, bound),
  }));

export const addRule = (draft: Draft, procedure: string): Draft => {
  const rule: Rule = {
    id: `${procedure}-new-${draft.content.rules.length + 1}`,
    procedure,
    code: "",
    text: "",
    band: { lower: { value: 0, unit: "years", inclusive: true } },
    effective: { from: "" },
    source: "",
  };
  return { ...draft, content: { ...draft.content, rules: [...draft.content.rules, rule] } };
};

export const removeRule = (draft: Draft, index: number): Draft => ({
  ...draft,
  content: { ...draft.content, rules: draft.content.rules.filter((_, at) => at !== index) },
});

export const setProcedure = (
  draft: Draft,
  index: number,
  field: "key" | "name",
  value: string,
): Draft => {
  const old = draft.content.procedures[index];
  return {
    ...draft,
    content: {
      procedures: draft.content.procedures.map((p, at) =>
        at === index ? { ...p, [field]: value } : p,
      ),
      // A procedure's rules follow its key.
      rules:
        field === "key" && old
          ? draft.content.rules.map((r) =>
              r.procedure === old.key ? { ...r, procedure: value } : r,
            )
          : draft.content.rules,
    },
  };
};

/** Sets or takes away where a procedure's coverage starts or stops on purpose. */
export const setCoverage = (
  draft: Draft,
  index: number,
  which: "startsAt" | "stopsAt",
  threshold: Threshold | undefined,
): Draft =>
  withProcedure(draft, index, (procedure) => ({
    ...procedure,
    coverage: withEnd(procedure.coverage, ["startsAt", "stopsAt"], which, threshold),
  }));

export const addProcedure = (draft: Draft): Draft => {
  const procedure: Procedure = {
    key: `new-procedure-${draft.content.procedures.length + 1}`,
    name: "",
  };
  return {
    ...draft,
    content: { ...draft.content, procedures: [...draft.content.procedures, procedure] },
  };
};

/** Removes a procedure and its rules. */
export const removeProcedure = (draft: Draft, index: number): Draft => {
  const key = draft.content.procedures[index]?.key;
  return {
    ...draft,
    content: {
      procedures: draft.content.procedures.filter((_, at) => at !== index),
      rules: draft.content.rules.filter((rule) => rule.procedure !== key),
    },
  };
};

/** The validator names a rule by its id, or by its place where it has none. */
const ruleName = (rule: Rule, index: number): string =>
  typeof rule.id === "string" && rule.id !== "" ? rule.id : `rules[${index}]`;

/** The field a problem belongs to, if it is one a rule row edits: "band.lower.value" is band.lower's. */
export const fieldOf = (problem: RuleProblem): RuleField | undefined =>
  RULE_FIELDS.find((field) => problem.field === field || problem.field.startsWith(`${field}.`));

export const problemsOfRule = (
  problems: readonly RuleProblem[],
  rule: Rule,
  index: number,
): readonly RuleProblem[] => problems.filter((problem) => problem.ruleId === ruleName(rule, index));

export const problemsOfProcedure = (
  problems: readonly RuleProblem[],
  procedure: Procedure,
  index: number,
): readonly RuleProblem[] =>
  problems.filter(
    (problem) =>
      problem.ruleId === undefined &&
      (problem.procedure === procedure.key || problem.procedure === `procedures[${index}]`),
  );
