import * as oauth from "oauth4webapi";

/** Where the page signs in, as the admin function serves it at /studio/config.json. */
export interface SignInConfig {
  readonly issuer: string;
  readonly clientId: string;
}

/** A signed-in person, held in this page's memory only: never in a cookie or the browser's storage. */
export interface Session {
  /** The ID token, sent as the bearer of every call to the admin API. */
  readonly idToken: string;
}

/**
 * The PKCE verifier and the state must outlive the trip to the sign-in page and back, which a page
 * in memory does not. They go in sessionStorage (this tab only, gone when it closes) and are
 * removed on return: neither is a token, and neither is of use without the code the issuer sends
 * back to this tab. Tokens themselves are never stored.
 */
const HANDOFF_KEY = "code-rules.studio.sign-in";

interface Handoff {
  readonly verifier: string;
  readonly state: string;
}

/** The page's own address: where the issuer sends the person back with a code. */
export const redirectUri = (): string => `${location.origin}/studio`;

const isLoopback = (url: URL): boolean =>
  ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

/**
 * oauth4webapi calls only HTTPS issuers; `npm start`'s local one answers plain HTTP on this
 * machine, which no one else can reach, so it alone is let through.
 */
const requestOptions = (issuer: URL) =>
  issuer.protocol === "http:" && isLoopback(issuer) ? { [oauth.allowInsecureRequests]: true } : {};

export const loadConfig = async (): Promise<SignInConfig> => {
  const response = await fetch("/studio/config.json");
  if (!response.ok) throw new Error(`the studio's settings could not be read (${response.status})`);
  return (await response.json()) as SignInConfig;
};

const discover = async (config: SignInConfig): Promise<oauth.AuthorizationServer> => {
  const issuer = new URL(config.issuer);
  const response = await oauth.discoveryRequest(issuer, {
    algorithm: "oidc",
    ...requestOptions(issuer),
  });
  return oauth.processDiscoveryResponse(issuer, response);
};

/** Sends the person to the issuer's sign-in page; they come back to {@link redirectUri} with a code. */
export const startSignIn = async (config: SignInConfig): Promise<void> => {
  const server = await discover(config);
  if (!server.authorization_endpoint) throw new Error("the issuer names no sign-in page");
  const handoff: Handoff = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
  };
  sessionStorage.setItem(HANDOFF_KEY, JSON.stringify(handoff));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: "code",
    scope: "openid profile",
    code_challenge: await oauth.calculatePKCECodeChallenge(handoff.verifier),
    code_challenge_method: "S256",
    state: handoff.state,
  }).toString();
  location.assign(url.href);
};

const takeHandoff = (): Handoff | undefined => {
  const text = sessionStorage.getItem(HANDOFF_KEY);
  sessionStorage.removeItem(HANDOFF_KEY);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as Handoff;
  } catch {
    return undefined;
  }
};

/** Whether this address is the issuer sending the person back (with a code, or an error). */
export const isReturnFromSignIn = (): boolean => {
  const params = new URLSearchParams(location.search);
  return params.has("state") && (params.has("code") || params.has("error"));
};

/**
 * Finishes a sign-in the issuer sent back here: checks the state, trades the code and the PKCE
 * verifier for tokens, and takes the code out of the address bar.
 */
export const finishSignIn = async (config: SignInConfig): Promise<Session> => {
  const returned = new URL(location.href);
  history.replaceState(null, "", `${returned.pathname}${returned.hash}`);
  const handoff = takeHandoff();
  if (!handoff) throw new Error("this sign-in was not started on this page; sign in again");
  const server = await discover(config);
  const client: oauth.Client = { client_id: config.clientId };
  const params = oauth.validateAuthResponse(server, client, returned, handoff.state);
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    params,
    redirectUri(),
    handoff.verifier,
    requestOptions(new URL(config.issuer)),
  );
  const tokens = await oauth.processAuthorizationCodeResponse(server, client, response, {
    requireIdToken: true,
  });
  if (!tokens.id_token || !oauth.getValidatedIdTokenClaims(tokens))
    throw new Error("the issuer gave no ID token");
  return { idToken: tokens.id_token };
};

/**
 * Where to send the person to sign out at the issuer too, when it says (an OpenID provider's
 * end-session endpoint); undefined when it does not, and forgetting the token is all there is.
 */
export const signOutUrl = async (
  config: SignInConfig,
  session: Session,
): Promise<string | undefined> => {
  const server = await discover(config).catch(() => undefined);
  if (!server?.end_session_endpoint) return undefined;
  const url = new URL(server.end_session_endpoint);
  url.search = new URLSearchParams({
    id_token_hint: session.idToken,
    client_id: config.clientId,
    post_logout_redirect_uri: redirectUri(),
  }).toString();
  return url.href;
};

/** Why signing in failed, in a sentence for the person. */
export const signInFailure = (error: unknown): string => {
  if (error instanceof oauth.AuthorizationResponseError)
    return `The sign-in was refused: ${error.error_description ?? error.error}.`;
  return `The sign-in did not finish: ${error instanceof Error ? error.message : String(error)}.`;
};
