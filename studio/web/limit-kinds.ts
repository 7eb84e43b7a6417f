import { gestationLabels } from "../../core/gestation.js";
import { payerLabel } from "../../core/payer.js";
import type { Rule } from "../../core/rule-set.js";
import { weightLabel } from "../../core/weight.js";

/**
 * The limits a rule may have besides its age band and dates, each a column of the procedure's
 * table where its rules use it: the gestational age at birth, the post-conception age, the present
 * weight and the payer programs. A request needs the matching input only where a rule has one.
 */
export const LIMIT_KINDS = ["atBirth", "sinceConception", "weight", "payers"] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** The rule's field each limit is, as rule files and the validator name it. */
export const LIMIT_FIELDS = {
  atBirth: "gestationalAgeAtBirth",
  sinceConception: "postConceptionAge",
  weight: "weightGrams",
  payers: "payers",
} as const satisfies Readonly<Record<LimitKind, keyof Rule>>;

/** What each limit is called, for people: in column headers, labels and problems. */
export const LIMIT_NAMES: Readonly<Record<LimitKind, string>> = {
  atBirth: "gestational age at birth",
  sinceConception: "post-conception age",
  weight: "weight",
  payers: "payers",
};

/** "Weight": a limit's name as a column header, a button or a group's name starts it. */
export const limitHeader = (kind: LimitKind): string =>
  `${LIMIT_NAMES[kind].charAt(0).toUpperCase()}${LIMIT_NAMES[kind].slice(1)}`;

export const hasLimit = (rule: Rule, kind: LimitKind): boolean =>
  rule[LIMIT_FIELDS[kind]] !== undefined;

/** Whether the rule has any limit besides its ages: it then shares its ages with other rules. */
export const hasAnyLimit = (rule: Rule): boolean =>
  LIMIT_KINDS.some((kind) => hasLimit(rule, kind));

/** The kinds of limit any of the rules has, in the columns' order. */
export const limitKindsOf = (rules: readonly Rule[]): LimitKind[] =>
  LIMIT_KINDS.filter((kind) => rules.some((rule) => hasLimit(rule, kind)));

/** Whether every bound of a range is a whole number yet: a range being typed says nothing until then. */
const isWhole = (range: { lower?: { value: number }; upper?: { value: number } } | undefined) =>
  [range?.lower, range?.upper].every((bound) => !bound || Number.isSafeInteger(bound.value));

/**
 * One limit in the words the API's texts use (core's labels): "born before 37 weeks", "through
 * 50 weeks after conception", "weighing under 1,500 g", "for medicare"; undefined where the rule
 * has none, or while it is being typed (a bound not yet a number, no payer picked yet).
 */
export const limitInWords = (rule: Rule, kind: LimitKind): string | undefined => {
  switch (kind) {
    case "atBirth":
      return isWhole(rule.gestationalAgeAtBirth)
        ? gestationLabels({ gestationalAgeAtBirth: rule.gestationalAgeAtBirth })[0]
        : undefined;
    case "sinceConception":
      return isWhole(rule.postConceptionAge)
        ? gestationLabels({ postConceptionAge: rule.postConceptionAge })[0]
        : undefined;
    case "weight":
      return isWhole(rule.weightGrams) ? weightLabel(rule) : undefined;
    case "payers":
      return (rule.payers?.only ?? rule.payers?.except ?? []).length > 0
        ? payerLabel(rule)
        : undefined;
  }
};

/** Every limit of the rule besides its ages, in words: "born before 37 weeks, weighing …"; empty for none. */
export const limitsInWords = (rule: Rule): string =>
  LIMIT_KINDS.flatMap((kind) => limitInWords(rule, kind) ?? []).join(", ");
