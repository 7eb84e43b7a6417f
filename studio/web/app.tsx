import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { AdminApi } from "./admin-api.js";
import type { Me } from "./api-types.js";
import {
  finishSignIn,
  isReturnFromSignIn,
  loadConfig,
  type Session,
  type SignInConfig,
  signInFailure,
  signOutUrl,
  startSignIn,
} from "./sign-in.js";
import { SignInPage } from "./sign-in-page.js";
import { Workspace } from "./workspace.js";

type Phase =
  | { readonly kind: "starting" }
  | { readonly kind: "signed-out"; readonly message: string }
  | { readonly kind: "signed-in"; readonly me: Me };

/**
 * A sign-in that ends within this long of starting is not started again by itself: the token is
 * refused for another reason than its age, and going round would never end.
 */
const FRESH_SIGN_IN_MS = 60_000;

/** The page: signed out, it offers to sign in; signed in, the studio. */
export const App = () => {
  const [phase, setPhase] = useState<Phase>({ kind: "starting" });
  const [busy, setBusy] = useState(false);
  // The token lives here, in this page's memory, and nowhere else.
  const session = useRef<Session | undefined>(undefined);
  const signedInAt = useRef(0);
  const config = useRef<SignInConfig | undefined>(undefined);
  const leaving = useRef(false);

  const signIn = () => {
    if (!config.current || leaving.current) return;
    leaving.current = true;
    setBusy(true);
    startSignIn(config.current).catch((error: unknown) => {
      leaving.current = false;
      setBusy(false);
      setPhase({ kind: "signed-out", message: signInFailure(error) });
    });
  };

  // The working copy is in this browser already (every edit keeps it), so leaving loses nothing.
  const onSignedOut = () => {
    session.current = undefined;
    if (Date.now() - signedInAt.current > FRESH_SIGN_IN_MS) return signIn();
    setPhase({
      kind: "signed-out",
      message:
        "The studio's server did not accept your sign-in. Your working copy is kept in this browser.",
    });
  };

  const api = useMemo(
    () =>
      new AdminApi(
        () => session.current?.idToken ?? "",
        () => onSignedOut(),
      ),
    [],
  );

  useEffect(() => {
    const begin = async () => {
      config.current = await loadConfig();
      if (!isReturnFromSignIn()) return setPhase({ kind: "signed-out", message: "" });
      session.current = await finishSignIn(config.current);
      signedInAt.current = Date.now();
      const me = await api.me();
      if (me.ok) return setPhase({ kind: "signed-in", me: me.value });
      setPhase({ kind: "signed-out", message: me.problem.detail ?? "You have no role here." });
    };
    begin().catch((error: unknown) =>
      setPhase({ kind: "signed-out", message: signInFailure(error) }),
    );
  }, []);

  const signOut = async () => {
    const ended = session.current;
    session.current = undefined;
    setPhase({ kind: "signed-out", message: "You are signed out." });
    const away = config.current && ended ? await signOutUrl(config.current, ended) : undefined;
    if (away) location.assign(away);
  };

  if (phase.kind === "starting")
    return (
      <main id="main">
        <p role="status">Loading the studio…</p>
      </main>
    );
  if (phase.kind === "signed-out")
    return <SignInPage message={phase.message} busy={busy} onSignIn={signIn} />;
  return <Workspace api={api} me={phase.me} onSignOut={() => void signOut()} />;
};
