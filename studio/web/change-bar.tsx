import { useState } from "preact/hooks";
import { ActionMessage } from "./action-message.js";
import { useConfirm } from "./confirm-dialog.js";
import { EMPTY_CONTENT } from "./content.js";
import type { Said } from "./said.js";
import { sentenceInWords } from "./sentence-words.js";
import { useStudio } from "./studio-context.js";
import { useVersionContent } from "./use-version-content.js";
import type { WorkingCopyControl } from "./use-working-copy.js";
import type { WorkingCopy } from "./working-copy.js";

export const SUBMITTED_ID = "change-submitted";
/** Where the working copy's state is said: the focus goes there once it is started or resumed. */
export const WORKING_COPY_ID = "working-copy-state";
export const REVIEW_ID = "review-change";

const startedFrom = (copy: WorkingCopy): string =>
  copy.baseVersion === null ? "an empty table" : `version ${copy.baseVersion}`;

/**
 * How the working copy stands: saved, about to be, or kept in this browser only while it has
 * problems or waits for leave. A refusal to save stays said until the next save is tried.
 */
export const savingState = (
  working: WorkingCopyControl,
  words: ReadonlyMap<string, string>,
): Said | undefined => {
  const { copy, saving, problems } = working;
  // A refusal to save is the store's sentence: said with names and dates in words.
  if (saving?.kind === "error") return { ...saving, text: sentenceInWords(saving.text, words) };
  if (!copy?.unsaved) return saving;
  if (problems.length > 0)
    return {
      kind: "working",
      text: "Kept in this browser; saved as a draft once its problems are fixed.",
    };
  // A save under way, or the leave it waits for, is said as it is; an earlier save's time is not.
  return saving?.kind === "working" ? saving : { kind: "working", text: "Saving…" };
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
  onStarted,
  submitted,
}: {
  working: WorkingCopyControl;
  onReview: () => void;
  /** A working copy was started or resumed: the page moves the focus to say so. */
  onStarted: () => void;
  submitted: number | undefined;
}) => {
  const { active, versions, words, readActive } = useStudio();
  const [dialog, confirm] = useConfirm();
  // Said once the copy is discarded, where its buttons were: the focus goes to it.
  const [said, say] = useState<Said | undefined>();
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
    if (!yes) return;
    await working.discard();
    say({ kind: "done", text: "Your working copy is discarded. The rules in use did not change." });
  };
  const start = (begin: () => void) => {
    say(undefined);
    begin();
    onStarted();
  };
  // The rules the copy started from, to carry its edits onto the version in use.
  const read = useVersionContent(copy?.baseVersion);
  const base = copy?.baseVersion === null ? EMPTY_CONTENT : read;
  const [rebasing, setRebasing] = useState(false);
  const rebase = async () => {
    if (!active || !base || rebasing) return;
    setRebasing(true);
    say(await working.rebase(base, active));
    setRebasing(false);
  };

  // From the version in use now: one published since the page last looked could not be saved over.
  const propose = async () => {
    const latest = await readActive();
    if (latest) start(() => working.start(latest));
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
            <button type="button" class="primary" onClick={() => start(working.resume)}>
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
            onClick={() => void propose()}
          >
            Propose a change
          </button>
        </>
      )}
      {copy && (
        <>
          <p id={WORKING_COPY_ID} tabIndex={-1}>
            You are editing a working copy of {startedFrom(copy)}
            {savedIn(copy)}. Choose a rule to change it in its procedure below.
          </p>
          {copy.baseVersion !== activeNow && (
            <div class="warning">
              <p>
                Version {activeNow ?? "none"} is in use now, not {startedFrom(copy)}: your working
                copy is saved and submitted only once it is brought up to date with it.
              </p>
              <button
                type="button"
                aria-disabled={!active || !base || rebasing}
                onClick={() => void rebase()}
              >
                Bring it up to date with version {activeNow ?? "none"}
              </button>
            </div>
          )}
          <div class="actions">
            <button type="button" id={REVIEW_ID} class="primary" onClick={onReview}>
              Review and submit…
            </button>
            <button type="button" onClick={() => void discard(copy)}>
              Discard…
            </button>
          </div>
        </>
      )}
      <ActionMessage id="change-message" said={said} takesFocus="always" />
      <ActionMessage id="saving-message" said={savingState(working, words)} takesFocus="never" />
    </section>
  );
};
