import type { ComponentChildren, VNode } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

/** What to ask before something that cannot be taken back. */
export interface Question {
  /** The dialog's heading: "Discard your working copy?" */
  readonly title: string;
  readonly detail: ComponentChildren;
  /** The button that goes on: "Discard it". */
  readonly go: string;
}

interface Asked extends Question {
  readonly answer: (yes: boolean) => void;
}

let dialogs = 0;

/**
 * A modal dialog that asks once, with the safe answer focused first: Escape, "Cancel" and closing
 * it all answer no. The browser's own modal keeps the focus inside it and gives it back after.
 */
const ConfirmDialog = ({ asked, onAnswer }: { asked: Asked; onAnswer: (yes: boolean) => void }) => {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [id] = useState(() => `confirm-${++dialogs}`);
  useEffect(() => {
    dialog.current?.showModal();
    cancel.current?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-detail`}
      onClose={() => onAnswer(dialog.current?.returnValue === "go")}
    >
      <h2 id={`${id}-title`}>{asked.title}</h2>
      <div id={`${id}-detail`}>{asked.detail}</div>
      {/* Buttons, not a form: the page's CSP lets no form be submitted, even to a dialog. */}
      <div class="actions">
        <button type="button" ref={cancel} onClick={() => dialog.current?.close("cancel")}>
          Cancel
        </button>
        <button type="button" class="danger" onClick={() => dialog.current?.close("go")}>
          {asked.go}
        </button>
      </div>
    </dialog>
  );
};

/**
 * Asking before acting: `confirm(question)` opens the dialog and answers whether to go on; the
 * element returned is the dialog, to be placed in the page while it is open.
 */
export const useConfirm = (): [VNode | null, (question: Question) => Promise<boolean>] => {
  const [asked, setAsked] = useState<Asked | undefined>();
  const confirm = (question: Question) =>
    new Promise<boolean>((resolve) => setAsked({ ...question, answer: resolve }));
  const element = asked ? (
    <ConfirmDialog
      asked={asked}
      onAnswer={(yes) => {
        setAsked(undefined);
        asked.answer(yes);
      }}
    />
  ) : null;
  return [element, confirm];
};
