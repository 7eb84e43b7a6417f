import { ActionMessage } from "./action-message.js";
import { useConfirm } from "./confirm-dialog.js";
import { useStudio } from "./studio-context.js";
import type { Said } from "./use-action.js";
import type { WorkingCopyControl } from "./use-working-copy.js";
import type { WorkingCopy } from "./working-copy.js";

export const SUBMITTED_ID = "change-submitted";

const startedFrom = (copy: WorkingCopy): string =>
  copy.baseVersion === null ? "an empty table" : `version ${copy.baseVersion}`;

/**
 * How the working copy stands: saved, about to be, or kept in this browser only while it has
 * problems. A refusal to save stays said until the next save is tried.
 */
const savingState = (working: WorkingCopyControl): Said | undefined => {
  const { copy, saving, problems } = working;
  if (!copy?.unsaved || saving?.kind === "error") return saving;
  return problems.length > 0
    ? {
        kind: "working",
        text: "Kept in this browser; saved as a draft once its problems are fixed.",
      }
    : { kind: "working", text: "Saving…" };
};

const savedIn = (copy: WorkingCopy): string =>
  copy.request ? `, saved as change request ${copy.request.number}` : "";

/**
 * Where a change starts and how it stands: the offer to propose one, or to resume one kept from
 * before; the working copy's state, its saving, and the ways on (review and submit, or discard).
 */
export const ChangeBar = ({
  working,
  onReview,
  submitted,
}: {
  working: WorkingCopyControl;
  onReview: () => void;
  submitted: number | undefined;
}) => {
  const { active, versions } = useStudio();
  const [dialog, confirm] = useConfirm();
  const { copy, resumable } = working;

  const discard = async (which: WorkingCopy) => {
    const yes = await confirm({
      title: "Discard your working copy?",
      detail: (
        <p>
          Every change in it is lost
          {which.request?.draft
            ? `, and its draft change request ${which.request.number} is withdrawn`
            : ""}
          . The rules in use do not change.
        </p>
      ),
      go: "Discard it",
    });
    if (yes) await working.discard();
  };

  const activeNow = versions?.active ?? null;
  return (
    <section class="change-bar" aria-labelledby="change-heading">
      <h2 id="change-heading">Your change</h2>
      {dialog}
      {submitted !== undefined && !copy && (
        <div id={SUBMITTED_ID} class="message done" tabIndex={-1} role="status">
          <p>
            Change request {submitted} is waiting for approval: a second person reviews and approves
            it before it goes live.
          </p>
          <a href={`#/requests/${submitted}`}>Open change request {submitted}</a>
        </div>
      )}
      {!copy && resumable && (
        <>
          <p>
            This browser kept a working copy of yours, started from {startedFrom(resumable)}
            {savedIn(resumable)}. Resume it where you left off?
          </p>
          <div class="actions">
            <button type="button" class="primary" onClick={working.resume}>
              Resume my working copy
            </button>
            <button type="button" onClick={() => void discard(resumable)}>
              Discard it…
            </button>
          </div>
        </>
      )}
      {!copy && !resumable && (
        <>
          <p>
            To change rules, propose a change: you edit a working copy of the rules in use, and
            nothing goes live until a second person approves it.
          </p>
          <button
            type="button"
            class="primary"
            aria-disabled={!active}
            onClick={() => active && working.start(active)}
          >
            Propose a change
          </button>
        </>
      )}
      {copy && (
        <>
          <p>
            You are editing a working copy of {startedFrom(copy)}
            {savedIn(copy)}. Choose a rule to change it in its procedure below.
          </p>
          {copy.baseVersion !== activeNow && (
            <p class="warning">
              Version {activeNow ?? "none"} is in use now, not {startedFrom(copy)}. Once you submit,
              bring your change up to date from its change request (Rebase).
            </p>
          )}
          <div class="actions">
            <button type="button" class="primary" onClick={onReview}>
              Review and submit…
            </button>
            <button type="button" onClick={() => void discard(copy)}>
              Discard…
            </button>
          </div>
        </>
      )}
      <ActionMessage id="saving-message" said={savingState(working)} takesFocus={false} />
    </section>
  );
};
