import type { ImpactRegion } from "../../core/impact.js";
import { earliestChange } from "../../core/impact.js";
import type { Content } from "./content.js";
import { impactInWords } from "./impact-words.js";
import { todayUtc } from "./today.js";
import { dateInWords } from "./words.js";

/**
 * Which patients a change answers otherwise: each group by procedure, ages and dates of service,
 * from which code to which. Where dates of service already past change, a warning says so: claims
 * already coded would now be coded otherwise.
 */
export const ImpactView = ({
  regions,
  content,
  against,
  id,
  pastAdvice = "Go on only if that is meant: a second person must give leave for it.",
}: {
  regions: readonly ImpactRegion[];
  /** The rule set that names the procedures. */
  content: Content;
  /** "against version 1, the one in use" */
  against: string;
  id: string;
  /** What to do about past dates changing, where the leave of a second person is not the way. */
  pastAdvice?: string;
}) => {
  const asOf = todayUtc();
  const said = impactInWords(regions, content, asOf);
  const past = regions.filter((_, index) => said[index]?.past);
  const first = earliestChange(regions);
  return (
    <section class="impact" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Which answers change, {against}</h3>
      {said.length === 0 ? (
        <p>No answer changes: every patient gets the same code and text as before.</p>
      ) : (
        <>
          <p>
            {said.length === 1 ? "One group" : `${said.length} groups`} of patients get another
            answer, from dates of service on {first ? dateInWords(first) : "no date"}:
          </p>
          <ul class="regions">
            {said.map((region) => (
              <li key={`${region.procedure}${region.who}`} class={region.past ? "past" : undefined}>
                <span class="region-procedure">{region.procedure}</span>: {region.who}:{" "}
                <strong>{region.change}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      {past.length > 0 && (
        <div class="warning">
          <strong>Dates of service already past change answer.</strong> From{" "}
          {dateInWords(earliestChange(past) ?? asOf)}, before today ({dateInWords(asOf)}), patients
          already seen would now get another code or text than they got. {pastAdvice}
        </div>
      )}
    </section>
  );
};
