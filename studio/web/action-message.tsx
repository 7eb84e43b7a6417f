import { useEffect, useRef } from "preact/hooks";
import type { Said } from "./use-action.js";

/**
 * What the page says about an action, right where the person acted. It is a polite live region,
 * there before anything is said so that screen readers hear each message; an error also takes
 * the focus, so that it is read at once and the person starts from it.
 */
export const ActionMessage = ({
  said,
  id,
  takesFocus = true,
}: {
  said: Said | undefined;
  id: string;
  /** False where no one acted just now (saving as they type): the focus stays where they are. */
  takesFocus?: boolean;
}) => {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takesFocus && said?.kind === "error") region.current?.focus();
  }, [said]);
  return (
    <div
      id={id}
      ref={region}
      class={said ? `message ${said.kind}` : "message"}
      role="status"
      aria-live="polite"
      tabIndex={-1}
    >
      {said && <p>{said.text}</p>}
      {said?.details && said.details.length > 0 && (
        <ul>
          {said.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
};
