import { useEffect, useState } from "preact/hooks";
import { parseIsoDate } from "../../core/calendar-date.js";
import { ActionMessage } from "./action-message.js";
import { cellId } from "./cell-problems.js";
import { startNewRulesFrom } from "./rule-edits.js";
import type { Said } from "./said.js";
import type { WorkingCopyControl } from "./use-working-copy.js";
import { dateInWords } from "./words.js";

export const NEW_RULES_DATE_ID = "new-rules-date";

/**
 * The yearly code update for one procedure: the rules in effect on a date end the day before, and
 * a copy of each starts on it, to be changed. Claims for earlier dates keep the codes of their day.
 */
export const NewRulesFrom = ({
  procedure,
  working,
}: {
  procedure: string;
  working: WorkingCopyControl;
}) => {
  const [date, setDate] = useState("");
  const [said, say] = useState<Said | undefined>();
  // The first new rule's code, once drawn: where its change starts, rather than Tabs through the old.
  const [first, setFirst] = useState<{ id: string } | undefined>();
  useEffect(() => {
    if (first) document.getElementById(cellId(first.id, "code"))?.focus();
  }, [first]);
  const start = () => {
    if (!parseIsoDate(date, "date").ok)
      return say({ kind: "error", text: "Give the first date of service the new rules apply to." });
    if (!working.copy) return;
    const next = startNewRulesFrom(working.copy.content, procedure, date);
    const added = next.added.length;
    if (added > 0) working.edit(() => next.content);
    const [firstAdded] = next.added;
    if (firstAdded) setFirst({ id: firstAdded });
    say(
      added === 0
        ? {
            kind: "error",
            text: `No rule of this procedure began before ${dateInWords(date)} and is in effect on it.`,
          }
        : {
            kind: "done",
            text: `${added === 1 ? "A new rule starts" : `${added} new rules start`} on ${dateInWords(date)}, and the rules before end the day before. Change the new rules below: the cursor is in the first.`,
          },
    );
  };
  return (
    <div class="new-rules">
      <label for={NEW_RULES_DATE_ID}>Change these rules from a date of service</label>
      <input
        id={NEW_RULES_DATE_ID}
        type="date"
        value={date}
        aria-describedby="new-rules-hint"
        onInput={(event) => setDate(event.currentTarget.value)}
        // Enter starts them, as in a form, rather than Tabs through the date's parts to the button.
        onKeyDown={(event) => {
          if (event.key !== "Enter") return;
          event.preventDefault();
          start();
        }}
      />
      <button type="button" onClick={start}>
        Start new rules from this date
      </button>
      <p id="new-rules-hint" class="hint">
        The rules in effect on that date end the day before, and a copy of each starts on it for you
        to change: claims for earlier dates keep their codes. Enter in the date starts them.
      </p>
      <ActionMessage id="new-rules-message" said={said} />
    </div>
  );
};
