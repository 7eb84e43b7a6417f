import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalIdentityProvider,
  startIdentityProvider,
} from "../../local/identity-provider.js";
import { LOCAL_USERS } from "../../local/local-users.js";
import {
  authorize,
  browser,
  formAction,
  REDIRECT_URI,
  redirectOf,
  STUDIO_ORIGIN,
  signIn,
} from "../support/sign-in-browser.js";

let idp: LocalIdentityProvider;

beforeAll(async () => {
  idp = await startIdentityProvider({
    port: 0,
    redirectUris: [REDIRECT_URI],
    postLogoutRedirectUris: [REDIRECT_URI],
  });
});

afterAll(() => idp?.stop());

describe("its sign-in page", () => {
  const openPage = async () => {
    const tab = browser();
    const { next } = await authorize(idp, tab);
    const response = await tab.get(next);
    return { tab, next, response, page: await response.text() };
  };

  it("says it is the local stand-in, and lists the local users with their passwords", async () => {
    const { page } = await openPage();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("<h1>Sign in to code-rules</h1>");
    expect(page).toMatch(/local stand-in<\/strong> for your organisation's\s+sign-in/);
    for (const user of LOCAL_USERS) {
      expect(page).toContain(`<td>${user.username}</td><td>${user.password}</td>`);
    }
  });

  it("labels its fields and its button as the browser tests find them", async () => {
    const { page } = await openPage();
    expect(page).toContain('<label for="username">User name</label>');
    expect(page).toMatch(/<input id="username" name="username" type="text"/);
    expect(page).toContain('<label for="password">Password</label>');
    expect(page).toMatch(/<input id="password" name="password" type="password"/);
    expect(page).toContain('<button type="submit">Sign in</button>');
  });

  it("runs no script and loads nothing from elsewhere, and may not be framed", async () => {
    const { response, page } = await openPage();
    expect(page).not.toMatch(/<script|style=|https?:\/\//);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    // The form leads back to the studio, by the redirects that follow it.
    expect(policy).toContain(`form-action 'self' ${STUDIO_ORIGIN}`);
    const stylesheet = await fetch(
      new URL(/href="([^"]+\.css)"/.exec(page)?.[1] ?? "", idp.issuer),
    );
    expect(stylesheet.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("refuses a wrong password on the page, tied to the fields, and grants nothing", async () => {
    const { tab, next, page } = await openPage();
    const refused = await tab.post(formAction(page, idp.issuer), {
      username: "alex",
      password: "sam-local",
    });
    expect(refused.status).toBe(200);
    const again = await refused.text();
    expect(again).toContain(
      '<p id="sign-in-error" class="error">The user name or password is wrong.',
    );
    expect(again).toMatch(
      /id="password"[^>]* aria-invalid="true" aria-describedby="sign-in-error"/,
    );
    expect(again).toContain('value="alex"');
    // Back at the authorization, the provider still asks who is signing in: no code.
    const resume = new URL(`/auth/${next.pathname.split("/").pop()}`, idp.issuer);
    expect(redirectOf(await tab.get(resume), idp.issuer).pathname).toMatch(/^\/interaction\//);
  });

  it("turns away a sign-in its cookie does not name", async () => {
    const { next } = await openPage();
    const stranger = await browser().post(next, { username: "alex", password: "alex-local" });
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain("This sign-in has expired or is already done.");
  });
});

const endSession = (): URL => {
  const url = new URL("/session/end", idp.issuer);
  url.search = new URLSearchParams({
    client_id: idp.clientId,
    post_logout_redirect_uri: REDIRECT_URI,
  }).toString();
  return url;
};

describe("signing out", () => {
  it("asks first, then ends the session and goes back to the studio", async () => {
    const { tab } = await signIn(idp, "alex", "alex-local");
    const question = await (await tab.get(endSession())).text();
    expect(question).toContain("<h1>Sign out of the local sign-in?</h1>");
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(question)?.[1] ?? "";
    const done = await tab.post(formAction(question, idp.issuer), { xsrf, logout: "yes" });
    expect(redirectOf(done, idp.issuer).href).toBe(REDIRECT_URI);
    // Signed out: the next sign-in asks who it is again.
    const { next } = await authorize(idp, tab);
    expect(next.pathname).toMatch(/^\/interaction\//);
  });

  it("lets the provider's own page post a sign-out on when no one is signed in", async () => {
    const response = await browser().get(endSession());
    const page = await response.text();
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? "";
    expect(script).toContain("submit()");
    const hash = createHash("sha256").update(script).digest("base64");
    expect(response.headers.get("content-security-policy")).toContain(`'sha256-${hash}'`);
  });
});
