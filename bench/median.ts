/** The middle value (the upper middle of an even count): what the bench reports of repeated runs. */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * The median of one measure's rounds over another's, round by round: the two were taken moments
 * apart, so a busy spell of this shared machine weighs on both sides alike, where a ratio of two
 * medians taken over different rounds carries it whole.
 */
export const medianRatio = (overs: readonly number[], unders: readonly number[]): number =>
  median(overs.map((over, round) => over / (unders[round] ?? Number.NaN)));
