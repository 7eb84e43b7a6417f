import type { ImpactRegion } from "./impact.js";

/**
 * The regions of an impact that re-code dates of service before `asOf` (YYYY-MM-DD): answers
 * already given, which a change must never alter silently.
 */
export const pastRegions = (regions: readonly ImpactRegion[], asOf: string): ImpactRegion[] =>
  regions.filter((region) => region.datesOfService.from < asOf);

/**
 * The past regions that refuse a move unless the admin allows them: none when allowed, and none
 * over an empty table (no active version), where nothing was ever answered.
 */
export const refusedPastRegions = (
  activeVersion: number | undefined,
  regions: readonly ImpactRegion[],
  asOf: string,
  allowed: boolean | undefined,
): ImpactRegion[] => (activeVersion === undefined || allowed ? [] : pastRegions(regions, asOf));
