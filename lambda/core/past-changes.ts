import type { ImpactRegion } from "./impact.js";

/**
 * The regions of an impact that re-code dates of service before `asOf` (YYYY-MM-DD): answers
 * already given, which a change must never alter silently.
 */
export const pastRegions = (regions: readonly ImpactRegion[], asOf: string): ImpactRegion[] =>
  regions.filter((region) => region.datesOfService.from < asOf);
