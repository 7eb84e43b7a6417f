import { type AgeBand, bandEnd, bandStart } from "./age-band.js";
import { approximateDays, compareThresholds, type Threshold } from "./threshold.js";

/** Anything answered as a code with the ages it is for: a rule, or what was built from one. */
export interface BandedCode {
  readonly band: AgeBand;
  readonly code: string;
}

const NO_END = Number.POSITIVE_INFINITY;

// Thresholds in days and in months can fall either way depending on the date of birth ("depends");
// the order must still be total, so those few fall back to their length in days on average.
const compareAt = (a: Threshold | undefined, b: Threshold | undefined): number => {
  if (!a || !b) return (a ? approximateDays(a) : NO_END) - (b ? approximateDays(b) : NO_END);
  const order = compareThresholds(a, b);
  if (order === "depends") return approximateDays(a) - approximateDays(b);
  return order === "before" ? -1 : order === "after" ? 1 : 0;
};

/**
 * The one order every list of codes is answered in (`expected`, `codes`, `codesByAge`): by band,
 * youngest first (where it starts, then where it stops), then by code. Rules come back from the
 * store in key order, not in their files' order, so an order left to the rule set would change
 * with where the rules were read from.
 */
export const byBandYoungestFirst = (a: BandedCode, b: BandedCode): number =>
  compareAt(bandStart(a.band), bandStart(b.band)) ||
  compareAt(bandEnd(a.band), bandEnd(b.band)) ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** A sorted copy, in {@link byBandYoungestFirst} order. */
export const inBandOrder = <T extends BandedCode>(items: readonly T[]): T[] =>
  [...items].sort(byBandYoungestFirst);
