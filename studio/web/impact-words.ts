import type { ImpactRegion } from "../../core/impact.js";
import { pastRegions } from "../../core/past-changes.js";
import { type Content, procedureName } from "./content.js";
import { ageRangeInWords, periodInWords } from "./words.js";

type Answer = ImpactRegion["before"];

/** One group of patients whose answer changes, in words. */
export interface RegionWords {
  readonly procedure: string;
  /** "ages 6 years through 11 years, dates of service from 1 January 2027" */
  readonly who: string;
  /** "33952 → 33951", "33951 → 33951 (text changed)" */
  readonly change: string;
  /** Dates of service already past change answer: claims already coded would be coded otherwise. */
  readonly past: boolean;
}

const codeOf = (answer: Answer): string => answer?.code ?? "no code";

const changeInWords = (before: Answer, after: Answer): string => {
  const same = before && after && before.code === after.code;
  if (!same) return `${codeOf(before)} → ${codeOf(after)}`;
  const gestation = JSON.stringify(before.byGestation) !== JSON.stringify(after.byGestation);
  return `${codeOf(before)} → ${codeOf(after)} (${gestation ? "limits by age from conception" : "text"} changed)`;
};

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
    change: changeInWords(region.before, region.after),
    past: past.has(region),
  }));
};
