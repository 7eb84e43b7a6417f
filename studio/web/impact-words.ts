import { describeChange, type ImpactRegion } from "../../core/impact.js";
import { pastRegions } from "../../core/past-changes.js";
import { type Content, procedureName } from "./content.js";
import { ageRangeInWords, periodInWords } from "./words.js";

/** One group of patients whose answer changes, in words. */
export interface RegionWords {
  readonly procedure: string;
  /** "ages 6 years through 11 years, dates of service from 1 January 2027" */
  readonly who: string;
  /**
   * The core's words (describeChange): "33952 → 33951", "33951 → 33951 (text changed)"; where
   * rules split the ages by weight or payer, which of them changed: "99152 or G0500 → 99152 or
   * G0501 (for medicare: G0500 → G0501)".
   */
  readonly change: string;
  /** Dates of service already past change answer: claims already coded would be coded otherwise. */
  readonly past: boolean;
}

/**
 * An impact as a coding manager reads it: per procedure by name, the ages and dates of service
 * whose answer changes, and from which code to which. `asOf` is today: earlier dates are past.
 */
export const impactInWords = (
  regions: readonly ImpactRegion[],
  content: Content,
  asOf: string,
): RegionWords[] => {
  const past = new Set(pastRegions(regions, asOf));
  return regions.map((region) => ({
    procedure: procedureName(content, region.procedure),
    who: `${ageRangeInWords(region.ages)}, dates of service ${periodInWords(region.datesOfService)}`,
    change: describeChange(region.before, region.after),
    past: past.has(region),
  }));
};
