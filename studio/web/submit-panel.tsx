import { useMemo, useState } from "preact/hooks";
import { ruleSetImpact } from "../../core/impact.js";
import { pastRegions } from "../../core/past-changes.js";
import { removalProblems } from "../../core/removals.js";
import { ActionMessage } from "./action-message.js";
import { ImpactView } from "./impact-view.js";
import { type Leave, LeaveBox, leaveBoxId } from "./leave-box.js";
import { sentenceInWords } from "./sentence-words.js";
import { useStudio } from "./studio-context.js";
import { todayUtc } from "./today.js";
import { useAction } from "./use-action.js";
import type { WorkingCopyControl } from "./use-working-copy.js";

export const SUBMIT_HEADING_ID = "submit-heading";
const TITLE_ID = "submit-title";
/**
 * The last look before review: what the change does to which patients, a title, the leave it
 * needs (to re-code past dates of service, to take codes away), and Submit.
 */
export const SubmitPanel = ({
  working,
  onClose,
  onSubmitted,
}: {
  working: WorkingCopyControl;
  onClose: () => void;
  onSubmitted: (request: number) => void;
}) => {
  const { api, refresh, words, shown, active, activeRules } = useStudio();
  const action = useAction();
  const [titleMissing, setTitleMissing] = useState(false);
  // The leave the change needs and was not asked: said at its box, before the server refuses it.
  const [leaveMissing, setLeaveMissing] = useState<Leave | undefined>();
  const copy = working.copy;
  const after = working.validated;
  const regions = useMemo(
    () => (activeRules && after ? ruleSetImpact(activeRules, after) : []),
    [activeRules, after],
  );
  const removals = useMemo(
    () => (after ? removalProblems(activeRules, after) : []),
    [activeRules, after],
  );
  if (!copy) return null;
  const past = pastRegions(regions, todayUtc()).length > 0;

  const submit = async () => {
    if (working.problems.length > 0)
      return action.say({ kind: "error", text: "Fix the problems listed below first." });
    if (copy.title.trim() === "") {
      setTitleMissing(true);
      return document.getElementById(TITLE_ID)?.focus();
    }
    const missing: Leave | undefined =
      past && !copy.allowPastChanges
        ? "past"
        : removals.length > 0 && !copy.allowRemovals
          ? "removals"
          : undefined;
    setLeaveMissing(missing);
    if (missing) return document.getElementById(leaveBoxId(missing))?.focus();
    const saved = await action.run("Saving your change…", working.save, () => "Saved.");
    if (!saved) return;
    const number = saved.request.number;
    // A request already in review (taken up again to edit) is in review again once saved.
    const done =
      saved.request.state !== "draft" ||
      (await action.run(
        "Submitting it for review…",
        () => api.step(number, "submit"),
        () => `Change request ${number} is waiting for approval.`,
      ));
    if (!done) return;
    working.finish();
    onSubmitted(number);
    await refresh();
  };

  return (
    <section class="submit-panel" aria-labelledby={SUBMIT_HEADING_ID}>
      <h2 id={SUBMIT_HEADING_ID} tabIndex={-1}>
        Review and submit your change
      </h2>
      {after ? (
        <ImpactView
          id="submit-impact"
          regions={regions}
          content={shown}
          against={`against version ${active?.meta.version ?? "none"}, the one in use`}
        />
      ) : (
        <p class="warning">The impact is shown once the problems in your working copy are fixed.</p>
      )}
      <div class={titleMissing ? "field invalid" : "field"}>
        <label for={TITLE_ID}>Title: what changes and why</label>
        <input
          id={TITLE_ID}
          value={copy.title}
          maxLength={200}
          aria-invalid={titleMissing}
          aria-describedby={titleMissing ? `${TITLE_ID}-problem` : undefined}
          onInput={(event) => {
            setTitleMissing(false);
            working.setDetails({ title: event.currentTarget.value });
          }}
        />
        {titleMissing && (
          <p id={`${TITLE_ID}-problem`} class="problem">
            Write a title: the approver reads it first.
          </p>
        )}
      </div>
      {(past || copy.allowPastChanges) && (
        <LeaveBox
          which="past"
          checked={copy.allowPastChanges}
          missing={leaveMissing === "past"}
          onChange={(checked) => {
            setLeaveMissing(undefined);
            working.setDetails({ allowPastChanges: checked });
          }}
        />
      )}
      {(removals.length > 0 || copy.allowRemovals) && (
        <div>
          <ul class="problems">
            {removals.map((removal) => (
              <li key={removal.message}>{sentenceInWords(removal.message, words)}</li>
            ))}
          </ul>
          <LeaveBox
            which="removals"
            checked={copy.allowRemovals}
            missing={leaveMissing === "removals"}
            onChange={(checked) => {
              setLeaveMissing(undefined);
              working.setDetails({ allowRemovals: checked });
            }}
          />
        </div>
      )}
      <div class="actions">
        <button
          type="button"
          class="primary"
          aria-disabled={action.busy}
          onClick={() => void submit()}
        >
          Submit for review
        </button>
        <button type="button" onClick={onClose}>
          Keep editing
        </button>
      </div>
      <ActionMessage id="submit-message" said={action.said} />
    </section>
  );
};
