import { useState } from "preact/hooks";
import { ActionMessage } from "./action-message.js";
import { useStudio } from "./studio-context.js";
import { useAction } from "./use-action.js";

/** An approver turns a request down, saying why: the author reads the reason. */
export const RejectForm = ({
  number,
  onChanged,
}: {
  number: number;
  onChanged: () => Promise<void>;
}) => {
  const { api, refresh } = useStudio();
  const action = useAction();
  const [reason, setReason] = useState("");
  const reject = async () => {
    if (action.busy) return;
    if (reason.trim() === "")
      return action.say({ kind: "error", text: "Say why it is rejected: its author reads it." });
    const rejected = await action.run(
      "Rejecting…",
      () => api.reject(number, reason.trim()),
      () => `Change request ${number} is rejected.`,
    );
    if (rejected) await Promise.all([onChanged(), refresh()]);
  };
  return (
    <div class="reject">
      <label for="reject-reason">Or reject it, saying why</label>
      <textarea
        id="reject-reason"
        rows={2}
        value={reason}
        onInput={(event) => setReason(event.currentTarget.value)}
      />
      <button type="button" onClick={() => void reject()}>
        Reject
      </button>
      <ActionMessage id="reject-message" said={action.said} />
    </div>
  );
};
