/**
 * Present body weight on the date of service, in whole grams: some codes are chosen by it (the
 * neonatal intensive care codes of the subsequent days). A rule bounds it as it bounds age from
 * conception, each bound with `inclusive`; the bounds compare whole grams.
 */

export interface WeightBound {
  /** Whole grams. */
  readonly value: number;
  readonly inclusive: boolean;
}

/** Bounds on the present weight; a missing bound does not limit. */
export interface WeightRange {
  readonly lower?: WeightBound | undefined;
  readonly upper?: WeightBound | undefined;
}

/** The heaviest weight a request may give: far above any patient, so a typo is refused. */
export const MAX_WEIGHT_GRAMS = 500_000;

/** A range as whole grams, from `from` up to but not including `to` (no `to`: no end). */
export interface GramRange {
  readonly from: number;
  readonly to?: number | undefined;
}

/** Every weight: one range for every rule with no such limit, since a compiled version keeps a range for each rule. */
const EVERY_WEIGHT: GramRange = { from: 0, to: undefined };

/** "over 2,500 g" starts at 2,501 g; "through 5,000 g" stops there. */
export const gramRange = (range?: WeightRange): GramRange => {
  if (!range) return EVERY_WEIGHT;
  const { lower, upper } = range;
  return {
    from: lower ? lower.value + (lower.inclusive ? 0 : 1) : 0,
    to: upper && upper.value + (upper.inclusive ? 1 : 0),
  };
};

export const inGramRange = ({ from, to }: GramRange, grams: number): boolean =>
  grams >= from && (to === undefined || grams < to);

export interface WeightLimits {
  readonly weightGrams?: WeightRange | undefined;
}

export const limitsWeight = (rule: WeightLimits): boolean => rule.weightGrams !== undefined;

/** The limit as a key (a rule read back from DynamoDB may order its fields otherwise). */
export const weightKey = ({ weightGrams }: WeightLimits): string => {
  if (!weightGrams) return "any weight";
  const { from, to } = gramRange(weightGrams);
  return `${from}-${to ?? ""} g`;
};

/** "1,500 g": grams as people read them. */
export const formatGrams = (grams: number): string => `${grams.toLocaleString("en-US")} g`;

/**
 * The weights a limit holds, from its bounds alone: "under 1,500 g", "1,500 through 2,500 g",
 * "2,501 g or more"; "any weight" for a rule without one.
 */
export const weightRangeLabel = ({ weightGrams }: WeightLimits): string => {
  if (!weightGrams) return "any weight";
  const { from, to } = gramRange(weightGrams);
  if (to === undefined) return `${formatGrams(from)} or more`;
  if (from === 0) return `under ${formatGrams(to)}`;
  return `${formatGrams(from).replace(" g", "")} through ${formatGrams(to - 1)}`;
};

/** The limit as an answer's text says it: "weighing under 1,500 g"; none for a rule without one. */
export const weightLabel = (rule: WeightLimits): string | undefined =>
  rule.weightGrams && `weighing ${weightRangeLabel(rule)}`;

/**
 * One weight in each stretch of grams the ranges split the scale into (0 and every edge): where
 * no weight is given, the answer must hold at each, as it must at every gestational age.
 */
export const weightsToTry = (ranges: readonly GramRange[]): number[] =>
  [
    ...new Set([0, ...ranges.flatMap(({ from, to }) => (to === undefined ? [from] : [from, to]))]),
  ].sort((a, b) => a - b);
