import { useState } from "preact/hooks";
import { MAX_NOTE_LENGTH } from "../../core/change-notes.js";
import type { RuleSetDiff } from "../../core/diff.js";
import { type ImpactRegion, ruleSetImpact } from "../../core/impact.js";
import { pastRegions } from "../../core/past-changes.js";
import type { RuleSet } from "../../core/rule-set.js";
import type { Answer } from "./api.js";
import { ImpactView } from "./impact-view.js";
import { todayUtc } from "./today.js";

/** What the server answered to a refused move: a line, and for a conflict what changed in between. */
interface Refusal {
  readonly error: string;
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

/**
 * A move (publish or roll back) after its impact is seen: a message is required, and where past
 * dates of service change answer, a confirmation too, which the audit trail records.
 */
export const MoveForm = ({
  id,
  action,
  before,
  after,
  against,
  blocked,
  onMove,
}: {
  id: string;
  action: string;
  before: RuleSet;
  after: RuleSet | undefined;
  against: string;
  blocked?: string | undefined;
  onMove: (move: { message: string; allowPastChanges: boolean }) => Promise<Answer<unknown>>;
}) => {
  const [message, setMessage] = useState("");
  // A confirmation holds for the past changes it was given for: a further edit asks again.
  const [confirmedFor, setConfirmedFor] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [busy, setBusy] = useState(false);
  const regions: ImpactRegion[] = after ? ruleSetImpact(before, after) : [];
  const pastOnes = pastRegions(regions, todayUtc());
  // Answers included: a text reworded again is a new change to confirm.
  const pastChanges = JSON.stringify(pastOnes);
  const past = pastOnes.length > 0;
  const confirmed = confirmedFor === pastChanges;
  const why =
    blocked ??
    (message.trim() === ""
      ? "write a message first"
      : past && !confirmed
        ? "confirm the past changes first"
        : undefined);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (why) return;
    setBusy(true);
    const answer = await onMove({ message, allowPastChanges: past && confirmed });
    setBusy(false);
    setRefusal(answer.status === 200 ? undefined : (answer.body as Refusal));
  };
  return (
    <form class="move" onSubmit={submit}>
      {after && <ImpactView id={`${id}-impact`} regions={regions} against={against} />}
      <label for={`${id}-message`}>Message: why ({action})</label>
      <input
        id={`${id}-message`}
        maxLength={MAX_NOTE_LENGTH.message}
        value={message}
        onInput={(e) => setMessage((e.currentTarget as HTMLInputElement).value)}
      />
      {past && (
        <div>
          <input
            id={`${id}-confirm`}
            type="checkbox"
            checked={confirmed}
            onChange={(e) =>
              setConfirmedFor(
                (e.currentTarget as HTMLInputElement).checked ? pastChanges : undefined,
              )
            }
          />
          <label for={`${id}-confirm`}>
            I mean to change answers for dates of service already past
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
