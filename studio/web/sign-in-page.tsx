import { useEffect, useRef } from "preact/hooks";

/**
 * What a person sees before they are signed in: what the studio is, and one button. `message`
 * says why they are here again (signed out, the sign-in ended or failed).
 */
export const SignInPage = ({
  message,
  busy,
  onSignIn,
}: {
  message: string;
  busy: boolean;
  onSignIn: () => void;
}) => {
  const said = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) said.current?.focus();
  }, [message]);
  return (
    <>
      <header class="studio-header">
        <p class="studio-name">code-rules studio</p>
      </header>
      <main id="main" class="sign-in">
        <h1>Sign in to the studio</h1>
        <p>
          The studio is where coding managers see the rules that choose CPT codes by age, propose
          changes to them, and approve a colleague's changes before they go live.
        </p>
        <p ref={said} class={message ? "message error" : "message"} role="status" tabIndex={-1}>
          {message}
        </p>
        <button type="button" class="primary" onClick={onSignIn} aria-disabled={busy}>
          {busy ? "Going to the sign-in page…" : "Sign in"}
        </button>
        <p class="hint">
          You sign in with your organisation's account. Nothing is kept in this browser but the
          rules you are working on.
        </p>
      </main>
    </>
  );
};
