import type { GestationRange } from "../core/gestation.js";
import type { PayerLimit } from "../core/payer.js";
import type { Procedure, Rule } from "../core/rule-set.js";
import type { WeightRange } from "../core/weight.js";

export interface RuleFileContent {
  readonly procedures: readonly Procedure[];
  readonly rules: readonly Rule[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order files are written in, whatever order the store returned: procedures by key, each
 * procedure's rules by id, and each entry's fields as an admin reads them. The same version
 * always gives the same file, so two exports differ only where the versions do.
 */
export const inFileOrder = ({ procedures, rules }: RuleFileContent): RuleFileContent => ({
  procedures: [...procedures].sort((a, b) => byText(a.key, b.key)).map(orderedProcedure),
  rules: [...rules]
    .sort((a, b) => byText(a.procedure, b.procedure) || byText(a.id, b.id))
    .map(orderedRule),
});

const orderedProcedure = ({
  key,
  name,
  coverage,
  retired,
  payers,
  notes,
}: Procedure): Procedure => ({
  key,
  name,
  ...(coverage && {
    coverage: {
      ...(coverage.startsAt && { startsAt: threshold(coverage.startsAt) }),
      ...(coverage.stopsAt && { stopsAt: threshold(coverage.stopsAt) }),
    },
  }),
  ...(retired && { retired: { from: retired.from, reason: retired.reason } }),
  ...(payers && { payers: [...payers] }),
  ...(notes !== undefined && { notes }),
});

const threshold = ({ value, unit }: { value: number; unit: Rule["band"]["lower"]["unit"] }) => ({
  value,
  unit,
});

const bound = ({ value, unit, inclusive }: Rule["band"]["lower"]) => ({ value, unit, inclusive });

const range = ({ lower, upper }: GestationRange): GestationRange => ({
  ...(lower && { lower: { value: lower.value, unit: lower.unit, inclusive: lower.inclusive } }),
  ...(upper && { upper: { value: upper.value, unit: upper.unit, inclusive: upper.inclusive } }),
});

const weightRange = ({ lower, upper }: WeightRange): WeightRange => ({
  ...(lower && { lower: { value: lower.value, inclusive: lower.inclusive } }),
  ...(upper && { upper: { value: upper.value, inclusive: upper.inclusive } }),
});

const payerLimit = ({ only, except }: PayerLimit) =>
  only ? { only: [...only] } : { except: [...(except ?? [])] };

const orderedRule = (rule: Rule): Rule => ({
  id: rule.id,
  procedure: rule.procedure,
  code: rule.code,
  text: rule.text,
  band: {
    lower: bound(rule.band.lower),
    ...(rule.band.upper && { upper: bound(rule.band.upper) }),
  },
  ...(rule.gestationalAgeAtBirth && { gestationalAgeAtBirth: range(rule.gestationalAgeAtBirth) }),
  ...(rule.postConceptionAge && { postConceptionAge: range(rule.postConceptionAge) }),
  ...(rule.weightGrams && { weightGrams: weightRange(rule.weightGrams) }),
  ...(rule.payers && { payers: payerLimit(rule.payers) }),
  effective: {
    from: rule.effective.from,
    ...(rule.effective.to !== undefined && { to: rule.effective.to }),
  },
  source: rule.source,
  ...(rule.notes !== undefined && { notes: rule.notes }),
});
