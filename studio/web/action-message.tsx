import { useEffect, useRef } from "preact/hooks";
import type { Said } from "./said.js";

/**
 * When a message takes the focus: an error always, so that it is read at once and the person
 * starts from it; "always" also what was done, where the button pressed goes away with it (Approve
 * becomes Publish) and the focus would fall to the page's start; "never" where no one acted just
 * now (saving as they type), so the focus stays where they are.
 */
export type MessageFocus = "on-error" | "always" | "never";

/**
 * What the page says about an action, right where the person acted. It is a polite live region,
 * there before anything is said so that screen readers hear each message.
 */
export const ActionMessage = ({
  said,
  id,
  takesFocus = "on-error",
}: {
  said: Said | undefined;
  id: string;
  takesFocus?: MessageFocus;
}) => {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const wanted =
      takesFocus === "always" ? said && said.kind !== "working" : said?.kind === "error";
    if (wanted && takesFocus !== "never") region.current?.focus();
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
