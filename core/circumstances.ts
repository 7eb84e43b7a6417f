import type { RulesInEffect } from "./compiled-procedure.js";
import type { Circumstance, CompiledRule } from "./compiled-rule.js";
import { EVERY_GESTATION, formatGestation, GESTATION_DAYS, gestationDays } from "./gestation.js";
import { ordered } from "./ordered.js";
import type { DecidingInput, PatientRequest } from "./select.js";
import { formatGrams } from "./weight.js";

/*
 * The inputs besides age that decide only where a rule limits them (gestational age at birth,
 * present weight, payer): the circumstances an answer must hold in. Each input a request gives is
 * one value; each it leaves out, where a rule in effect limits it, is every value that could
 * decide (every gestational age the rules answer for, a weight of each stretch the weight edges
 * make, every declared payer); each no rule limits is left out of the circumstances altogether.
 */

/** The values tried for each input: one where the input is given, none (undefined) where no rule limits it. */
type ValuesTried = { readonly [K in keyof Circumstance]-?: readonly Circumstance[K][] };

/**
 * The circumstances an answer must hold in: every combination of the values tried for each input,
 * in the order gestational age at birth, weight, payer, which is the order a refusal finds its
 * codes in. The combinations are made when first asked for: a selection by date of birth tries
 * fewer (atAge), and every gestational age at birth makes 161 of them.
 */
export class Circumstances {
  #each: readonly Circumstance[] | undefined;

  constructor(
    readonly values: ValuesTried,
    each?: readonly Circumstance[],
  ) {
    this.#each = each;
  }

  get each(): readonly Circumstance[] {
    this.#each ??= grid(this.values);
    return this.#each;
  }

  /** How many combinations the values make, without making them. */
  get count(): number {
    const { atBirth, grams, payer } = this.values;
    return atBirth.length * grams.length * payer.length;
  }
}

/** Where no rule in effect limits any of them: one circumstance, which every rule holds in. */
export const NO_LIMITS: Circumstance = {};
const NOT_LIMITED: readonly undefined[] = Object.freeze([undefined]);
const ANY = new Circumstances({ atBirth: NOT_LIMITED, grams: NOT_LIMITED, payer: NOT_LIMITED }, [
  NO_LIMITS,
]);

const valuesOf = <T>(limits: boolean, given: T | undefined, every: readonly T[]) =>
  !limits ? NOT_LIMITED : given !== undefined ? [given] : every;

/** The circumstances for the rules in effect: none given where no rule limits anything but age. */
export const circumstancesFor = (
  inEffect: RulesInEffect | undefined,
  request: PatientRequest,
): Circumstances => {
  if (!inEffect || (!inEffect.limitsGestation && !inEffect.limitsWeight && !inEffect.limitsPayer))
    return ANY;
  const { gestationalAgeAtBirth: gestation, weightGrams, payer } = request;
  return new Circumstances({
    atBirth: valuesOf(
      inEffect.limitsGestation,
      gestation && gestationDays(gestation),
      EVERY_GESTATION,
    ),
    grams: valuesOf(inEffect.limitsWeight, weightGrams, inEffect.weights),
    payer: valuesOf(inEffect.limitsPayer, payer, inEffect.payers),
  });
};

/** Every combination of the values, gestational age at birth first, then weight, then payer. */
const grid = (values: ValuesTried): Circumstance[] => {
  const each: Circumstance[] = [];
  for (const atBirth of values.atBirth)
    for (const grams of values.grams)
      for (const payer of values.payer) each.push({ atBirth, grams, payer });
  return each;
};

/**
 * The circumstances at one age, with one gestational age at birth tried for each stretch of them
 * over which the band's rules hold alike: their edges, at birth and (at this age) after conception,
 * make the stretches. Whatever an answer finds in the stretch it finds at its first day, and in the
 * same order, at a fraction of the work of trying every day. The values tried stay as they were, so
 * what the answer says of them does not change.
 */
export const atAge = (
  circumstances: Circumstances,
  rules: readonly CompiledRule[],
  daysOld: number,
): Circumstances => {
  // Only where no gestational age was given are several tried.
  if (circumstances.values.atBirth.length < 2) return circumstances;
  const { min, max } = GESTATION_DAYS;
  const edges = rules.flatMap(({ atBirth, sinceConception: since }) => [
    atBirth.from,
    atBirth.to,
    since.from - daysOld,
    since.to === undefined ? undefined : since.to - daysOld,
  ]);
  const starts = new Set([min]);
  for (const edge of edges) if (edge !== undefined && edge > min && edge <= max) starts.add(edge);
  const tried = ordered([...starts], (a, b) => a - b);
  const { values } = circumstances;
  return new Circumstances(values, grid({ ...values, atBirth: tried }));
};

const INPUTS = [
  ["atBirth", "gestationalAgeAtBirth"],
  ["grams", "weightGrams"],
  ["payer", "payer"],
] as const satisfies readonly (readonly [keyof Circumstance, DecidingInput])[];

/**
 * The inputs that decide between the rules found in each circumstance: those that, changed alone,
 * change the rule (in a grid of every combination, any change is a path of such changes). An input
 * tried at one value changes nothing; where only one is tried at several, it decides if anything
 * does, and nothing needs grouping.
 */
export const decidingInputsOf = (
  circumstances: Circumstances,
  found: readonly (CompiledRule | undefined)[],
): DecidingInput[] => {
  const varying = INPUTS.filter(([input]) => circumstances.values[input].length > 1);
  const [only] = varying;
  if (varying.length === 1 && only) return codeCount(found) > 1 ? [only[1]] : [];
  return varying
    .filter(([varied]) => {
      // By code: two rules of one code on both sides of an edge leave nothing open.
      const byOthers = new Map<string, Set<string | undefined>>();
      circumstances.each.forEach((circumstance, index) => {
        const key = varying
          .filter(([input]) => input !== varied)
          .map(([input]) => String(circumstance[input]))
          .join(" ");
        const rules = byOthers.get(key) ?? new Set();
        rules.add(found[index]?.code);
        byOthers.set(key, rules);
      });
      return [...byOthers.values()].some((rules) => rules.size > 1);
    })
    .map(([, input]) => input);
};

/** How many codes the rules found hold, "no rule" counted as one. */
const codeCount = (found: readonly (CompiledRule | undefined)[]): number =>
  new Set(found.map((rule) => rule?.code)).size;

/** The one value every circumstance shares for an input (its values tried), if it is one. */
const shared = <T>(values: readonly T[]): T | undefined => {
  const [value] = values;
  return values.every((each) => each === value) ? value : undefined;
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
  // Most rules limit nothing but age: there is nothing to say.
  if (!rule.limitsGestation && !rule.limitsWeight && !rule.limitsPayer) return "";
  const atBirth = shared(circumstances.values.atBirth);
  const grams = shared(circumstances.values.grams);
  const payer = shared(circumstances.values.payer);
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
