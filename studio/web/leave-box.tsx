/** The leave a change may ask, which its approver gives. */
export type Leave = "past" | "removals";

export const leaveBoxId = (which: Leave): string => `leave-${which}`;

const SAID: Readonly<Record<Leave, { label: string; missing: string }>> = {
  past: {
    label: "Ask leave to change answers for dates of service already past: the approver gives it",
    missing:
      "Tick this to submit it: it changes answers for dates of service already past, which only a second person may allow.",
  },
  removals: {
    label: "Ask leave to take these codes away: the approver gives it",
    missing: "Tick this to submit it: it takes codes away, which only a second person may allow.",
  },
};

/**
 * The box that asks one leave. Pressing Submit without it ticked, where the change needs it, says
 * so here and ties it to the box, before the server would refuse the whole request.
 */
export const LeaveBox = ({
  which,
  checked,
  missing,
  onChange,
}: {
  which: Leave;
  checked: boolean;
  /** Submit was pressed without this leave, which the change needs. */
  missing: boolean;
  onChange: (checked: boolean) => void;
}) => {
  const id = leaveBoxId(which);
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          aria-invalid={missing}
          aria-describedby={missing ? `${id}-problem` : undefined}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        {SAID[which].label}
      </label>
      {missing && (
        <p id={`${id}-problem`} class="problem">
          {SAID[which].missing}
        </p>
      )}
    </>
  );
};
