import { describeRegion, earliestChange, type ImpactRegion } from "../../core/impact.js";
import { pastRegions } from "../../core/past-changes.js";
import { todayUtc } from "./today.js";

/** The answers a move changes, one sentence a region, with a warning when past dates of service are re-coded. */
export const ImpactView = ({
  regions,
  against,
  id,
}: {
  regions: readonly ImpactRegion[];
  against: string;
  id: string;
}) => {
  const asOf = todayUtc();
  const past = pastRegions(regions, asOf);
  return (
    <section class="impact" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Impact {against}</h3>
      {regions.length === 0 ? (
        <p>No answer changes: every patient gets the same code and text as before.</p>
      ) : (
        <>
          <p>
            {regions.length} region{regions.length === 1 ? "" : "s"} of age and date of service
            change answer, from dates of service {earliestChange(regions)}:
          </p>
          <ul class="regions">
            {regions.map((region) => (
              <li key={describeRegion(region)} class={past.includes(region) ? "past" : undefined}>
                {describeRegion(region)}
              </li>
            ))}
          </ul>
        </>
      )}
      {past.length > 0 && (
        <div class="warning" role="alert">
          <strong>Past dates of service change answer.</strong> This re-codes dates of service from{" "}
          {earliestChange(past)}, before today ({asOf}): patients already seen would now get another
          answer (code or text) than they got. Go on only if that is meant.
        </div>
      )}
    </section>
  );
};
