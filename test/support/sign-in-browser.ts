import { createHash, randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { LocalIdentityProvider } from "../../local/identity-provider.js";

/**
 * The studio's side of signing in with the local identity provider, played with fetch: a browser
 * tab's cookies and redirects, and the page's own calls.
 */

export const STUDIO_ORIGIN = "http://127.0.0.1:3000";
export const REDIRECT_URI = `${STUDIO_ORIGIN}/studio/`;

/** fetch as a browser tab would: one cookie jar, every redirect looked at before it is followed. */
/** Where a person signs in: the issuer, and the studio's client id there. */
export type Issuer = Pick<LocalIdentityProvider, "issuer" | "clientId">;

export const browser = () => {
  const cookies = new Map<string, string>();
  const keep = (response: Response): Response => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
  const cookie = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  return {
    get: async (url: URL) =>
      keep(await fetch(url, { redirect: "manual", headers: { cookie: cookie() } })),
    post: async (url: URL, form: Record<string, string>) =>
      keep(
        await fetch(url, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(form),
        }),
      ),
  };
};

export type Browser = ReturnType<typeof browser>;

export const redirectOf = (response: Response, base: string): URL => {
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location") ?? "", base);
};

/** The studio's first step: to the authorization endpoint, with a fresh PKCE verifier. */
export const authorize = async (
  idp: Issuer,
  tab: Browser,
  pkce = true,
  redirectUri = REDIRECT_URI,
) => {
  const verifier = randomBytes(32).toString("base64url");
  const url = new URL("/auth", idp.issuer);
  url.search = new URLSearchParams({
    client_id: idp.clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid profile",
    state: "studio-state",
    ...(pkce
      ? {
          code_challenge: createHash("sha256").update(verifier).digest("base64url"),
          code_challenge_method: "S256",
        }
      : {}),
  }).toString();
  return { verifier, next: redirectOf(await tab.get(url), idp.issuer) };
};

/** Where the page's form posts, as a browser reads it. */
export const formAction = (page: string, base: string): URL => {
  const action = /<form [^>]*action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error(`no form on the page:\n${page}`);
  return new URL(action, base);
};

/** Signs in through the page, as a person would: opens it, fills it in, sends it. */
export const signIn = async (
  idp: Issuer,
  username: string,
  password: string,
  redirectUri = REDIRECT_URI,
) => {
  const tab = browser();
  const { verifier, next } = await authorize(idp, tab, true, redirectUri);
  const page = await (await tab.get(next)).text();
  const posted = await tab.post(formAction(page, idp.issuer), { username, password });
  const back = redirectOf(await tab.get(redirectOf(posted, idp.issuer)), idp.issuer);
  return { tab, verifier, back };
};

/** The studio's page exchanging its code, with fetch, from its own origin. */
export const exchange = (
  idp: Issuer,
  code: string,
  verifier: string,
  origin = STUDIO_ORIGIN,
  redirectUri = REDIRECT_URI,
) =>
  fetch(new URL("/token", idp.issuer), {
    method: "POST",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      client_id: idp.clientId,
      code_verifier: verifier,
    }),
  });

export const idTokenFor = async (
  idp: Issuer,
  username: string,
  password: string,
  redirectUri = REDIRECT_URI,
) => {
  const { verifier, back } = await signIn(idp, username, password, redirectUri);
  const code = back.searchParams.get("code") ?? "";
  const answer = await exchange(idp, code, verifier, new URL(redirectUri).origin, redirectUri);
  const { id_token } = (await answer.json()) as { id_token: string };
  return id_token;
};
