import { earliestChange } from "../../core/impact.js";
import { pastRegions } from "../../core/past-changes.js";
import { ActionMessage } from "./action-message.js";
import type { RequestDetail } from "./api-types.js";
import { useConfirm } from "./confirm-dialog.js";
import { RejectForm } from "./reject-form.js";
import { isApprover, isMine, useStudio } from "./studio-context.js";
import { todayUtc } from "./today.js";
import { useAction } from "./use-action.js";
import { OPEN_STATES } from "./use-request-changes.js";
import type { WorkingCopyControl } from "./use-working-copy.js";
import { dateInWords, stateInWords } from "./words.js";

/** Why the signed-in person has no Approve button here, said where the button would be. */
const whyNoApproval = (
  detail: RequestDetail,
  mine: boolean,
  approver: boolean,
): string | undefined => {
  const { state } = detail.request;
  if (state !== "in-review" && state !== "approved") return undefined;
  if (mine)
    return "You proposed this change, so a second person approves it: you cannot approve your own.";
  if (!approver)
    return "Approving needs the approver role (the rule-approvers group): an approver reviews it.";
  return undefined;
};

/**
 * The steps the signed-in person may take on a request, by their role and whether they wrote it:
 * submit, edit, rebase and withdraw their own; approve, reject and publish others' as an approver.
 * Where a step is not theirs to take, the page says why instead of showing it.
 */
export const RequestActions = ({
  detail,
  working,
  onChanged,
}: {
  detail: RequestDetail;
  working: WorkingCopyControl;
  onChanged: () => Promise<void>;
}) => {
  const { api, me, refresh, go } = useStudio();
  const action = useAction();
  const [dialog, confirm] = useConfirm();
  const { request } = detail;
  const number = request.number;
  const mine = isMine(me, request.author);
  const approver = isApprover(me);
  const open = OPEN_STATES.includes(request.state);
  const stale = open && request.baseVersion !== detail.active;

  const step = async (
    verb: "submit" | "approve" | "rebase" | "withdraw",
    saying: string,
    done: string,
  ) => {
    if (action.busy) return;
    const stepped = await action.run(
      saying,
      () => api.step(number, verb),
      () => done,
    );
    if (stepped) await Promise.all([onChanged(), refresh()]);
  };

  const publish = async () => {
    if (action.busy) return;
    const past = pastRegions(detail.impact, todayUtc());
    if (past.length > 0) {
      const yes = await confirm({
        title: "Publish a change to dates of service already past?",
        detail: (
          <p>
            From {dateInWords(earliestChange(past) ?? todayUtc())}, patients already seen would get
            another code than they got: claims already coded would now be coded otherwise.
          </p>
        ),
        go: "Publish it",
      });
      if (!yes) return;
    }
    const published = await action.run(
      "Publishing…",
      () => api.step(number, "publish"),
      (value) =>
        `Published as version ${value.version?.version ?? "?"}: the API answers with it, and the grid shows it now.`,
    );
    if (published) await Promise.all([onChanged(), refresh()]);
  };

  const withdraw = async () => {
    const yes = await confirm({
      title: `Withdraw change request ${number}?`,
      detail: <p>It leaves review for good; the rules in use do not change.</p>,
      go: "Withdraw it",
    });
    if (yes) await step("withdraw", "Withdrawing…", `Change request ${number} is withdrawn.`);
  };

  const edit = async () => {
    const other = working.copy ?? working.resumable;
    if (other && other.request?.number !== number) {
      const yes = await confirm({
        title: "Put your working copy aside?",
        detail: (
          <p>You have a working copy with other changes; editing this request replaces it.</p>
        ),
        go: "Edit this request instead",
      });
      if (!yes) return;
    }
    working.editRequest(request);
    go("#/rules");
  };

  const noApproval = whyNoApproval(detail, mine, approver);
  return (
    <section class="request-actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">What you can do</h2>
      {dialog}
      {/* Before the buttons: the focus goes to it once one is pressed, and Tab goes on to the next. */}
      <ActionMessage id="request-message" said={action.said} takesFocus="always" />
      <div class="actions">
        {mine && request.state === "draft" && (
          <button
            type="button"
            class="primary"
            onClick={() =>
              void step(
                "submit",
                "Submitting…",
                `Change request ${number} is waiting for approval.`,
              )
            }
          >
            Submit for review
          </button>
        )}
        {approver && !mine && request.state === "in-review" && (
          <button
            type="button"
            class="primary"
            onClick={() =>
              void step("approve", "Approving…", `You approved change request ${number}.`)
            }
          >
            Approve
          </button>
        )}
        {approver && request.state === "approved" && (
          <button type="button" class="primary" onClick={() => void publish()}>
            Publish
          </button>
        )}
        {mine && stale && (
          <button
            type="button"
            onClick={() =>
              void step(
                "rebase",
                "Bringing it up to date…",
                `It is based on version ${detail.active ?? "none"} now: check its changes again.`,
              )
            }
          >
            Bring it up to date with version {detail.active ?? "none"} (rebase)
          </button>
        )}
        {mine && open && (
          <button type="button" onClick={() => void edit()}>
            Edit its rules
          </button>
        )}
        {mine && open && (
          <button type="button" onClick={() => void withdraw()}>
            Withdraw…
          </button>
        )}
      </div>
      {noApproval && <p class="hint">{noApproval}</p>}
      {!open && (
        <p class="hint">
          This request is {stateInWords(request.state)}: nothing more can be done with it.
        </p>
      )}
      {approver && !mine && open && (
        <RejectForm number={number} action={action} onChanged={onChanged} />
      )}
    </section>
  );
};
