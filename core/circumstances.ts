import type { RulesInEffect } from "./compiled-procedure.js";
import type { Circumstance, CompiledRule } from "./compiled-rule.js";
import { EVERY_GESTATION, formatGestation, gestationDays } from "./gestation.js";
import type { DecidingInput, PatientRequest } from "./select.js";
import { formatGrams } from "./weight.js";

/*
 * The inputs besides age that decide only where a rule limits them (gestational age at birth,
 * present weight, payer): the circumstances an answer must hold in. Each input a request gives is
 * one value; each it leaves out, where a rule in effect limits it, is every value that could
 * decide (every gestational age the rules answer for, a weight of each stretch the weight edges
 * make, every declared payer); each no rule limits is left out of the circumstances altogether.
 */

export type Circumstances = readonly Circumstance[];

/** Where no rule in effect limits any of them: one circumstance, which every rule holds in. */
export const NO_LIMITS: Circumstance = {};
const ANY: Circumstances = [NO_LIMITS];

const valuesOf = <T>(limits: boolean, given: T | undefined, every: readonly T[]) =>
  !limits ? [undefined] : given !== undefined ? [given] : every;

export const circumstancesFor = (
  inEffect: RulesInEffect,
  request: PatientRequest,
): Circumstances => {
  if (!inEffect.limitsGestation && !inEffect.limitsWeight && !inEffect.limitsPayer) return ANY;
  const { gestationalAgeAtBirth: gestation, weightGrams, payer } = request;
  const atBirths = valuesOf(
    inEffect.limitsGestation,
    gestation && gestationDays(gestation),
    EVERY_GESTATION,
  );
  const weights = valuesOf(inEffect.limitsWeight, weightGrams, inEffect.weights);
  const payers = valuesOf(inEffect.limitsPayer, payer, inEffect.payers);
  const found: Circumstance[] = [];
  for (const atBirth of atBirths)
    for (const grams of weights)
      for (const held of payers) found.push({ atBirth, grams, payer: held });
  return found;
};

const INPUTS = [
  ["atBirth", "gestationalAgeAtBirth"],
  ["grams", "weightGrams"],
  ["payer", "payer"],
] as const satisfies readonly (readonly [keyof Circumstance, DecidingInput])[];

/**
 * The inputs that decide between the rules found in each circumstance: those that, changed alone,
 * change the rule (in a grid of every combination, any change is a path of such changes).
 */
export const decidingInputsOf = (
  circumstances: Circumstances,
  found: readonly (CompiledRule | undefined)[],
): DecidingInput[] =>
  INPUTS.filter(([varied]) => {
    // By code: two rules of one code on both sides of an edge leave nothing open.
    const byOthers = new Map<string, Set<string | undefined>>();
    circumstances.forEach((circumstance, index) => {
      const key = INPUTS.filter(([input]) => input !== varied)
        .map(([input]) => String(circumstance[input]))
        .join(" ");
      const rules = byOthers.get(key) ?? new Set();
      rules.add(found[index]?.code);
      byOthers.set(key, rules);
    });
    return [...byOthers.values()].some((rules) => rules.size > 1);
  }).map(([, input]) => input);

/** The one value every circumstance shares for an input, if it is one. */
const shared = <K extends keyof Circumstance>(circumstances: Circumstances, input: K) => {
  const [first] = circumstances;
  const value = first?.[input];
  return circumstances.every((each) => each[input] === value) ? value : undefined;
};

/**
 * How the inputs besides age entered the choice, for the rule's limits and the values given:
 * ", born at 32 weeks 0 days, 38 weeks 0 days after conception", ", weighing 1,400 g".
 */
export const circumstancePhrase = (
  rule: CompiledRule,
  circumstances: Circumstances,
  daysOld?: number,
): string => {
  const atBirth = shared(circumstances, "atBirth");
  const grams = shared(circumstances, "grams");
  const payer = shared(circumstances, "payer");
  const since =
    daysOld === undefined || atBirth === undefined
      ? ""
      : `, ${formatGestation(atBirth + daysOld)} after conception`;
  return [
    rule.limitsGestation && atBirth !== undefined
      ? `, born at ${formatGestation(atBirth)}${since}`
      : "",
    rule.limitsWeight && grams !== undefined ? `, weighing ${formatGrams(grams)}` : "",
    rule.limitsPayer && payer !== undefined ? `, payer ${payer}` : "",
  ].join("");
};
