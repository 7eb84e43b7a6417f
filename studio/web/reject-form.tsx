import { useRef, useState } from "preact/hooks";
import { useConfirm } from "./confirm-dialog.js";
import { useStudio } from "./studio-context.js";
import type { Action } from "./use-action.js";

const REASON_ID = "reject-reason";

/**
 * An approver turns a request down, saying why (the author reads it), and is asked first: a
 * rejected request is closed for good. What the server
 * answers is said by the request's own message, `action`'s, which stays on the page once the
 * request is rejected and this form is gone with it; a missing reason is said at the field.
 */
export const RejectForm = ({
  number,
  action,
  onChanged,
}: {
  number: number;
  action: Action;
  onChanged: () => Promise<void>;
}) => {
  const { api, refresh } = useStudio();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const [dialog, confirm] = useConfirm();
  const reject = async () => {
    if (action.busy) return;
    if (reason.trim() === "") {
      setMissing(true);
      return field.current?.focus();
    }
    const yes = await confirm({
      title: `Reject change request ${number}?`,
      detail: <p>It is closed for good: its author reads why, and would propose it again.</p>,
      go: "Reject it",
    });
    if (!yes) return;
    const rejected = await action.run(
      "Rejecting…",
      () => api.reject(number, reason.trim()),
      () => `Change request ${number} is rejected.`,
    );
    if (rejected) await Promise.all([onChanged(), refresh()]);
  };
  return (
    <div class={missing ? "reject invalid" : "reject"}>
      {dialog}
      <label for={REASON_ID}>Or reject it, saying why</label>
      <textarea
        id={REASON_ID}
        ref={field}
        rows={2}
        value={reason}
        aria-invalid={missing}
        aria-describedby={missing ? `${REASON_ID}-problem` : undefined}
        onInput={(event) => {
          setMissing(false);
          setReason(event.currentTarget.value);
        }}
      />
      {missing && (
        <p id={`${REASON_ID}-problem`} class="problem">
          Say why it is rejected: its author reads it.
        </p>
      )}
      <button type="button" onClick={() => void reject()}>
        Reject…
      </button>
    </div>
  );
};
