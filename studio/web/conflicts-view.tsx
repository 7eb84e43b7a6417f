import type { Procedure, Rule } from "../../core/rule-set.js";
import type { MergeConflict } from "../../core/three-way-merge.js";
import { ActionMessage } from "./action-message.js";
import type { RequestDetail } from "./api-types.js";
import { ruleInWords } from "./content.js";
import { isMine, useStudio } from "./studio-context.js";
import { useAction } from "./use-action.js";

type Side = Rule | Procedure | undefined;

/** One side of a conflict, whole: a rule's code, ages, dates, text and source, or a procedure's name. */
const SideView = ({ side, heading }: { side: Side; heading: string }) => (
  <div class="side">
    <h4>{heading}</h4>
    {side === undefined ? (
      <p>Removed.</p>
    ) : "code" in side ? (
      <>
        <p>{ruleInWords(side)}</p>
        <p>{side.text}</p>
        <p class="source">{side.source}</p>
      </>
    ) : (
      <p>{side.name}</p>
    )}
  </div>
);

const titleOf = (conflict: MergeConflict): string => {
  const side = conflict.mine ?? conflict.theirs ?? conflict.base;
  if (!side) return "A rule";
  return "code" in side ? `Rule ${ruleInWords(side)}` : `Procedure ${side.name}`;
};

/**
 * The rules both this request and the version in use changed since the request was made, side by
 * side: its author keeps one side of each before it can be approved.
 */
export const ConflictsView = ({
  detail,
  onChanged,
}: {
  detail: RequestDetail;
  onChanged: () => Promise<void>;
}) => {
  const { api, me } = useStudio();
  const action = useAction();
  const { conflicts, number, author } = detail.request;
  if (conflicts.length === 0) return null;
  const mine = isMine(me, author);
  const keep = async (conflict: MergeConflict, side: "mine" | "theirs") => {
    if (action.busy) return;
    const kept = await action.run(
      "Keeping it…",
      () => api.resolve(number, conflict.key, side),
      () => (side === "mine" ? "The request's side is kept." : "The side in use is kept."),
    );
    if (kept) await onChanged();
  };
  return (
    <section aria-labelledby="conflicts-heading" class="conflicts">
      <h2 id="conflicts-heading">
        {conflicts.length === 1 ? "One conflict" : `${conflicts.length} conflicts`} to resolve
      </h2>
      <p>
        These rules were changed both by this request and by a version published since it was made.{" "}
        {mine ? "Keep one side of each." : "Its author keeps one side of each."}
      </p>
      {conflicts.map((conflict) => (
        <section key={conflict.key} class="conflict" aria-label={titleOf(conflict)}>
          <h3>{titleOf(conflict)}</h3>
          <div class="sides">
            <SideView side={conflict.mine} heading="This request's (mine)" />
            <SideView side={conflict.theirs} heading="In use now (theirs)" />
          </div>
          {mine && (
            <div class="actions">
              <button type="button" onClick={() => void keep(conflict, "mine")}>
                Keep mine<span class="visually-hidden"> for {titleOf(conflict)}</span>
              </button>
              <button type="button" onClick={() => void keep(conflict, "theirs")}>
                Keep theirs<span class="visually-hidden"> for {titleOf(conflict)}</span>
              </button>
            </div>
          )}
        </section>
      ))}
      <ActionMessage id="conflicts-message" said={action.said} takesFocus="always" />
    </section>
  );
};
