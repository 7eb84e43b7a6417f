import type { AgeUnit } from "./age.js";
import { inBandOrder } from "./code-order.js";
import type { CompiledProcedure, RulesInEffect } from "./compiled-procedure.js";
import type { CompiledRule } from "./compiled-rule.js";
import type { DecidingInput, SelectionRefusal } from "./select.js";
import { formatGrams, weightRangeLabel } from "./weight.js";

/** The refusals a selection answers with where the rules do not give one code. */

/** The refusal for a procedure the rule set does not have. */
export const unknownProcedure = (procedure: string): SelectionRefusal => ({
  kind: "unknown-procedure",
  procedure,
  message: `there is no procedure ${JSON.stringify(procedure)}`,
});

/** No rule of the procedure is in effect on the date of service (`day`, days since 1970-01-01): why, where it was retired by then. */
export const noRuleInEffect = (
  procedure: string,
  on: string,
  day: number,
  retired: CompiledProcedure["retired"],
): SelectionRefusal => {
  const why = retired && day >= retired.from ? `: ${retired.reason}` : "";
  return {
    kind: "no-rule-in-effect",
    procedure,
    message: `no rule of ${procedure} is in effect on ${on}${why}`,
  };
};

/** A payer program the rules do not declare: which ones they do, so the caller can pick. */
export const unknownPayer = (payer: string, declared: readonly string[]): SelectionRefusal => ({
  kind: "unknown-payer",
  payer,
  declared,
  message:
    declared.length === 0
      ? `payer ${JSON.stringify(payer)} is not declared: these rules tell no payer programs apart`
      : `payer ${JSON.stringify(payer)} is not declared; give one of ${declared.join(", ")}`,
});

export interface Ambiguity {
  readonly rules: readonly (CompiledRule | undefined)[];
  readonly stated: string;
  readonly on: string;
  /** The finer unit of age that would decide, when the age does. */
  readonly decidingUnit?: AgeUnit | undefined;
  /** The inputs besides age that would decide. */
  readonly deciding: readonly DecidingInput[];
}

/** Each input besides age as a sentence names it. */
export const INPUT_NAMES: Readonly<Record<Exclude<DecidingInput, "age">, string>> = {
  gestationalAgeAtBirth: "the gestational age at birth",
  weightGrams: "the present weight",
  payer: "the payer",
};

export const ambiguity = ({
  rules,
  stated,
  on,
  decidingUnit,
  deciding,
}: Ambiguity): SelectionRefusal => {
  // The codes go in band order; "no code" stays at the end of the ages it stands for.
  const inOrder = inBandOrder(rules.filter((rule) => rule !== undefined)).map(({ code }) => code);
  const uncovered = rules.includes(undefined) ? ["no code"] : [];
  const codes = [...new Set(rules[0] ? [...inOrder, ...uncovered] : [...uncovered, ...inOrder])];
  const ageDecides = decidingUnit !== undefined;
  const others = deciding.filter((input) => input !== "age") as Exclude<DecidingInput, "age">[];
  const decidingInputs: DecidingInput[] = [...(ageDecides ? (["age"] as const) : []), ...others];
  const what = [
    ...(ageDecides ? ["spans a band edge"] : []),
    ...others.map((input) => `depends on ${INPUT_NAMES[input]}`),
  ].join(" and ");
  const depending = ageDecides ? " depending on the date of birth" : "";
  const give = [
    ...(ageDecides ? [`the age in ${decidingUnit} or the date of birth`] : []),
    ...others,
  ].join(", and ");
  return {
    kind: "ambiguous-age",
    decidingInputs,
    ...(decidingUnit ? { decidingUnit } : {}),
    codes: codes.filter((code) => code !== "no code"),
    message: `${stated} on ${on} ${what} (${codes.join(" or ")}${depending}); give ${give}`,
  };
};

/** Not applicable is an answer: the procedure has no code at this age, and these are its codes. */
export const notCovered = (
  inEffect: RulesInEffect,
  stated: string,
  on: string,
): SelectionRefusal => {
  const procedure = inEffect.rules[0]?.procedure ?? "";
  const codesByAge = inEffect.inBandOrder.map(({ code, label }) => ({ code, band: label }));
  const listed = codesByAge.map(({ code, band }) => `${code} ${band}`).join("; ");
  return {
    kind: "age-not-covered",
    procedure,
    codesByAge,
    message: `${procedure} has no code for a patient ${stated} on ${on}; its codes are for other ages (${listed})`,
  };
};

/** The age has a band, but the weight given is outside every weight its rules are for. */
export const weightNotCovered = (
  rules: readonly CompiledRule[],
  grams: number,
  on: string,
): SelectionRefusal => {
  const procedure = rules[0]?.procedure ?? "";
  const codesByWeight = rules.map((rule) => ({
    code: rule.code,
    weight: weightRangeLabel(rule.rule),
  }));
  const listed = codesByWeight.map(({ code, weight }) => `${code} ${weight}`).join("; ");
  return {
    kind: "weight-not-covered",
    procedure,
    codesByWeight,
    message: `${procedure} has no code for a patient weighing ${formatGrams(grams)} on ${on}; its codes at this age are for other weights (${listed})`,
  };
};
