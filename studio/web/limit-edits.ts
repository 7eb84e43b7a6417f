import type { GestationUnit } from "../../core/gestation.js";
import type { Procedure, Rule } from "../../core/rule-set.js";
import type { Content } from "./content.js";
import { withRule } from "./rule-edits.js";

/**
 * The edits of a rule's limits besides its ages (see limit-kinds.ts), and of the payer programs its
 * procedure declares. Each gives a new rule set and leaves the one it was given as it was; a bound
 * typed is written with its value in the range, as the ages are.
 */

export type RangeEnd = "lower" | "upper";
export type GestationField = "gestationalAgeAtBirth" | "postConceptionAge";
type LimitField = GestationField | "weightGrams" | "payers";

/** A limit from conception as typed: a whole number (or what was typed, for the checks to name). */
export interface TypedGestation {
  readonly value: number;
  readonly unit: GestationUnit;
}

/**
 * A bound's value as the grid shows it: the first value a lower bound holds, or the last an upper
 * bound holds, whichever way it was written ("before 37 weeks" is "through 36 weeks").
 */
export const typedValue = (
  end: RangeEnd,
  { value, inclusive }: { readonly value: number; readonly inclusive: boolean },
): number => (inclusive ? value : end === "lower" ? value + 1 : value - 1);

interface Range<B> {
  readonly lower?: B | undefined;
  readonly upper?: B | undefined;
}

/** The range with one end set, or taken away; no range at all once neither end is left. */
const withEnd = <B extends object>(
  range: Range<B> | undefined,
  end: RangeEnd,
  bound: B | undefined,
): Range<B> | undefined => {
  const lower = end === "lower" ? bound : range?.lower;
  const upper = end === "upper" ? bound : range?.upper;
  if (!lower && !upper) return undefined;
  return { ...(lower && { lower }), ...(upper && { upper }) };
};

/** The rule with a limit set, or without the field at all: no limit is no field, as in rule files. */
const withLimit = <F extends LimitField>(rule: Rule, field: F, limit: Rule[F]): Rule => {
  const next: Rule = { ...rule, [field]: limit };
  if (limit === undefined) delete next[field];
  return next;
};

/** One end of a limit from conception: a completed age in the range, or none (no limit that way). */
export const setGestationEnd = (
  content: Content,
  id: string,
  field: GestationField,
  end: RangeEnd,
  typed: TypedGestation | undefined,
): Content =>
  withRule(content, id, (rule) =>
    withLimit(rule, field, withEnd(rule[field], end, typed && { ...typed, inclusive: true })),
  );

/** One end of the weight limit, in whole grams in the range, or none. */
export const setWeightEnd = (
  content: Content,
  id: string,
  end: RangeEnd,
  grams: number | undefined,
): Content =>
  withRule(content, id, (rule) =>
    withLimit(
      rule,
      "weightGrams",
      withEnd(
        rule.weightGrams,
        end,
        grams === undefined ? undefined : { value: grams, inclusive: true },
      ),
    ),
  );

/** How a rule is limited to payer programs: not at all, only to those named, or to all but them. */
export type PayerMode = "any" | "only" | "except";

export const payerModeOf = ({ payers }: Rule): PayerMode =>
  payers === undefined ? "any" : payers.except ? "except" : "only";

/** The payer programs a rule's limit names, whichever way. */
export const payersNamed = ({ payers }: Rule): readonly string[] =>
  payers?.only ?? payers?.except ?? [];

export const setPayerLimit = (
  content: Content,
  id: string,
  mode: PayerMode,
  named: readonly string[],
): Content =>
  withRule(content, id, (rule) =>
    withLimit(
      rule,
      "payers",
      mode === "any" ? undefined : mode === "only" ? { only: [...named] } : { except: [...named] },
    ),
  );

/** Payer programs as typed in one box: names between commas, semicolons or spaces. */
export const payerList = (typed: string): string[] => typed.split(/[\s,;]+/).filter(Boolean);

/** The payer programs a procedure's rules tell apart; none typed: the procedure declares none. */
export const setDeclaredPayers = (
  content: Content,
  procedure: string,
  payers: readonly string[],
): Content => ({
  ...content,
  procedures: content.procedures.map((declared): Procedure => {
    if (declared.key !== procedure) return declared;
    const { payers: _, ...rest } = declared;
    return payers.length === 0 ? rest : { ...rest, payers: [...payers] };
  }),
});
