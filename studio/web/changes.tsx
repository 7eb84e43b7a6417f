import { useState } from "preact/hooks";
import { MAX_NOTE_LENGTH } from "../../core/change-notes.js";
import type { RuleSetDiff } from "../../core/diff.js";
import { type ImpactRegion, ruleSetImpact } from "../../core/impact.js";
import { pastRegions } from "../../core/past-changes.js";
import { describeProblem, type RuleProblem } from "../../core/rule-problem.js";
import type { RuleSet } from "../../core/rule-set.js";
import type { Answer } from "./api.js";
import { ImpactView } from "./impact-view.js";
import { todayUtc } from "./today.js";

/**
 * What the server answered to a refused change: the store's sentence, the problems it names, and
 * for a conflict what changed in between.
 */
interface Refusal {
  readonly error: string;
  readonly problems?: readonly RuleProblem[];
  readonly conflict?: { expected: number | null; active: number | null; diff: RuleSetDiff | null };
}

const DiffList = ({ diff }: { diff: RuleSetDiff }) => (
  <ul>
    {(["procedures", "rules"] as const).flatMap((part) => [
      ...diff[part].added.map((id) => <li key={`+${id}`}>added {id}</li>),
      ...diff[part].removed.map((id) => <li key={`-${id}`}>removed {id}</li>),
      ...diff[part].changed.flatMap(({ id, fields }) =>
        fields.map((f) => (
          <li key={`${id}${f.field}`}>
            {id} {f.field}: {JSON.stringify(f.from)} → {JSON.stringify(f.to)}
          </li>
        )),
      ),
    ])}
  </ul>
);

const RefusalView = ({ refusal }: { refusal: Refusal }) => (
  <div class="refusal" role="alert">
    <p>{refusal.error}</p>
    {refusal.problems && refusal.problems.length > 0 && (
      <ul>
        {refusal.problems.map((problem) => (
          <li key={describeProblem(problem)}>{describeProblem(problem)}</li>
        ))}
      </ul>
    )}
    {refusal.conflict?.diff && (
      <>
        <p>
          What changed from version {refusal.conflict.expected ?? "none"} to version{" "}
          {refusal.conflict.active ?? "none"} in between:
        </p>
        <DiffList diff={refusal.conflict.diff} />
      </>
    )}
  </div>
);

/** What the admin writes about a change: a request's title, or a rollback's message. */
export interface Note {
  readonly field: "title" | "message";
  readonly label: string;
}

/**
 * A change (a draft proposed for review, or a rollback) after its impact is seen: a note is
 * required. Where past dates of service change answer, a proposal can ask leave for it, which
 * a second person gives by approving; the leave asked holds only for the changes it was asked
 * for. Whether the change may go live is the store's to say.
 */
export const MoveForm = ({
  id,
  action,
  note,
  before,
  after,
  against,
  blocked,
  askLeave,
  onMove,
}: {
  id: string;
  action: string;
  note: Note;
  before: RuleSet;
  after: RuleSet | undefined;
  against: string;
  blocked?: string | undefined;
  /** Whether the change can ask leave to re-code past dates of service (a proposal can; a rollback cannot). */
  askLeave: boolean;
  onMove: (move: { note: string; allowPastChanges: boolean }) => Promise<Answer<unknown>>;
}) => {
  const [text, setText] = useState("");
  // Leave is asked for the past changes it was ticked for: a further edit asks again.
  const [leaveFor, setLeaveFor] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [busy, setBusy] = useState(false);
  const regions: ImpactRegion[] = after ? ruleSetImpact(before, after) : [];
  const pastOnes = pastRegions(regions, todayUtc());
  // Answers included: a text reworded again is a new change to ask leave for.
  const pastChanges = JSON.stringify(pastOnes);
  const past = askLeave && pastOnes.length > 0;
  const leave = past && leaveFor === pastChanges;
  const why = blocked ?? (text.trim() === "" ? `write the ${note.field} first` : undefined);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (why) return;
    setBusy(true);
    const answer = await onMove({ note: text, allowPastChanges: leave });
    setBusy(false);
    setRefusal(answer.status < 300 ? undefined : (answer.body as Refusal));
  };
  return (
    <form class="move" onSubmit={submit}>
      {after && <ImpactView id={`${id}-impact`} regions={regions} against={against} />}
      <label for={`${id}-note`}>
        {note.label} ({action})
      </label>
      <input
        id={`${id}-note`}
        maxLength={MAX_NOTE_LENGTH[note.field]}
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
      />
      {past && (
        <div>
          <input
            id={`${id}-leave`}
            type="checkbox"
            checked={leave}
            onChange={(e) =>
              setLeaveFor((e.currentTarget as HTMLInputElement).checked ? pastChanges : undefined)
            }
          />
          <label for={`${id}-leave`}>
            Ask leave to change answers for past dates of service: a second person approves it
          </label>
        </div>
      )}
      <button
        type="submit"
        aria-disabled={why !== undefined || busy}
        aria-describedby={`${id}-why`}
      >
        {action}
      </button>
      <span id={`${id}-why`} class="hint">
        {busy ? "working…" : (why ?? "")}
      </span>
      {refusal && <RefusalView refusal={refusal} />}
    </form>
  );
};
