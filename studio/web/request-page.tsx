import { useEffect, useMemo, useState } from "preact/hooks";
import type { RequestDetail } from "./api-types.js";
import { CommentsView } from "./comments-view.js";
import { ConflictsView } from "./conflicts-view.js";
import { EMPTY_CONTENT, keyWords } from "./content.js";
import { DiffView } from "./diff-view.js";
import { diffInWords } from "./diff-words.js";
import { ImpactView } from "./impact-view.js";
import { PageHeading } from "./page-heading.js";
import { RequestActions } from "./request-actions.js";
import { sentenceInWords } from "./sentence-words.js";
import { isMine, type Studio, StudioContext, useStudio } from "./studio-context.js";
import { usePoll } from "./use-poll.js";
import { OPEN_STATES, useRequestChanges } from "./use-request-changes.js";
import type { WorkingCopyControl } from "./use-working-copy.js";
import { personName, stateInWords } from "./words.js";

/** The leave a request asks, which its approver gives. */
const leaveAsked = ({ request }: RequestDetail): string[] => [
  ...(request.allowPastChanges ? ["to change answers for dates of service already past"] : []),
  ...(request.allowRemovals ? ["to take procedures or codes away"] : []),
];

const Summary = ({ detail }: { detail: RequestDetail }) => {
  const { me, people } = useStudio();
  const { request } = detail;
  const name = (actor: string) => (isMine(me, actor) ? "you" : personName(actor, people));
  const approvers = detail.approvedBy.map(name);
  return (
    <dl class="summary">
      <dt>Proposed by</dt>
      <dd>{name(request.author)}</dd>
      <dt>Where it stands</dt>
      <dd>
        {stateInWords(request.state)}
        {request.publishedVersion !== undefined && ` as version ${request.publishedVersion}`}
        {request.rejection && `: ${request.rejection.reason} (${name(request.rejection.actor)})`}
      </dd>
      <dt>Approvals</dt>
      <dd>
        {detail.approvedBy.length} of {detail.approvalsRequired}
        {approvers.length > 0 && `: ${approvers.join(", ")}`}
      </dd>
      <dt>Based on</dt>
      <dd>
        version {request.baseVersion ?? "none"}
        {/* Said while it matters: an open request based on another version must be rebased. */}
        {OPEN_STATES.includes(request.state) &&
          request.baseVersion !== detail.active &&
          `; version ${detail.active ?? "none"} is in use now`}
      </dd>
      {leaveAsked(detail).length > 0 && (
        <>
          <dt>Asks leave</dt>
          <dd>{leaveAsked(detail).join("; ")}</dd>
        </>
      )}
    </dl>
  );
};

/**
 * Why it cannot go live as it stands: its problems, and what the change policy would refuse. A
 * request waiting for approval lacks approval, which the summary says already; a closed one goes
 * live no more, and what would refuse it now is beside the point.
 */
const Obstacles = ({ detail }: { detail: RequestDetail }) => {
  const { words } = useStudio();
  if (!OPEN_STATES.includes(detail.request.state)) return null;
  const said = [
    ...(detail.blocked ? [detail.blocked] : []),
    ...detail.problems.map((problem) => problem.message),
    ...detail.refusals
      .filter((refusal) => refusal.kind !== "approval")
      .map((refusal) => refusal.message),
  ].map((sentence) => sentenceInWords(sentence, words));
  if (said.length === 0) return null;
  return (
    <div class="warning">
      <p>
        <strong>As it stands, it would not be published:</strong>
      </p>
      <ul>
        {said.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </div>
  );
};

/**
 * One change request, as its reviewer weighs it: who proposed it and where it stands, what it
 * changes rule by rule, which patients get another answer, its conflicts and comments, and the
 * steps the signed-in person may take.
 */
export const RequestPage = ({
  number,
  working,
}: {
  number: number;
  working: WorkingCopyControl;
}) => {
  const studio = useStudio();
  const [detail, setDetail] = useState<RequestDetail | undefined>();
  const [failure, setFailure] = useState("");
  const load = async () => {
    const read = await studio.api.request(number);
    if (read.ok) setDetail(read.value);
    else setFailure(read.problem.detail ?? "The change request could not be read.");
  };
  useEffect(() => void load(), [number]);
  // What others do meanwhile (approve, publish, reject) reaches this page as it does the grid.
  usePoll(() => void load());
  const changes = useRequestChanges(detail);
  const { before } = changes;
  const after = detail?.request.content ?? EMPTY_CONTENT;
  // The request's own rules and people name what this page says.
  const local: Studio = useMemo(() => {
    const words = keyWords(after, before ?? EMPTY_CONTENT);
    const people = { ...detail?.people, ...studio.people };
    for (const [actor, name] of Object.entries(people)) words.set(actor, name);
    return { ...studio, people, words, shown: after };
  }, [studio, detail, before]);
  const lines = useMemo(
    () => (changes.diff && before ? diffInWords(changes.diff, before, after) : []),
    [changes.diff, before],
  );

  if (failure)
    return (
      <p class="message error" role="alert">
        {failure}
      </p>
    );
  if (!detail) return <p role="status">Reading change request {number}…</p>;
  return (
    <StudioContext.Provider value={local}>
      <PageHeading>
        Change request {number}: {detail.request.title}
      </PageHeading>
      <Summary detail={detail} />
      {detail.request.description && <p>{detail.request.description}</p>}
      <Obstacles detail={detail} />
      <ConflictsView detail={detail} onChanged={load} />
      <section aria-labelledby="diff-heading">
        <h2 id="diff-heading">What changes</h2>
        {changes.diff && before ? (
          <DiffView lines={lines} caption={changes.caption} />
        ) : (
          <p role="status">Reading the rules it is compared with…</p>
        )}
      </section>
      <section aria-labelledby="impact-heading">
        <h2 id="impact-heading">Which patients get another answer</h2>
        <ImpactView
          id="request-impact"
          regions={changes.impact}
          content={after}
          against={changes.against}
          {...(changes.pastAdvice && { pastAdvice: changes.pastAdvice })}
        />
      </section>
      <RequestActions detail={detail} working={working} onChanged={load} />
      <CommentsView detail={detail} onChanged={load} />
    </StudioContext.Provider>
  );
};
