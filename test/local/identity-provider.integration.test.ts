import { Agent, request } from "node:http";
import type { Socket } from "node:net";
import { decodeJwt, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_ID_TOKEN_TTL_SECONDS,
  type LocalIdentityProvider,
  startIdentityProvider,
} from "../../local/identity-provider.js";
import { INVALID_AUDIENCE, jwtAuthorizer } from "../../local/jwt-authorizer.js";
import { LOCAL_USERS } from "../../local/local-users.js";
import {
  authorize,
  browser,
  exchange,
  idTokenFor,
  REDIRECT_URI,
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

const authorizer = (audience = [idp.clientId], clock?: () => Date) =>
  jwtAuthorizer({ issuer: idp.issuer, audience, ...(clock ? { clock } : {}) });

describe("the local identity provider", () => {
  it("is its own issuer on 127.0.0.1, with the studio as its client", () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(idp.clientId).toBe("code-rules-studio");
    expect(idp.users).toBe(LOCAL_USERS);
  });

  it("signs the editor in with a code and PKCE; API Gateway's check passes the ID token", async () => {
    const { verifier, back } = await signIn(idp, "alex", "alex-local");
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get("state")).toBe("studio-state");
    const answer = await exchange(idp, back.searchParams.get("code") ?? "", verifier);
    expect(answer.status).toBe(200);
    // The studio's page reads the answer across origins: the token endpoint lets it.
    expect(answer.headers.get("access-control-allow-origin")).toBe(STUDIO_ORIGIN);
    const { id_token } = (await answer.json()) as { id_token: string };
    const result = await authorizer()(`Bearer ${id_token}`);
    if (!result.ok) throw new Error(result.reason);
    expect(result.claims).toMatchObject({
      sub: "alex",
      name: "Alex Editor",
      "cognito:groups": "[rule-editors]",
      aud: idp.clientId,
      iss: idp.issuer,
    });
    expect(Number(result.claims.exp) - Number(result.claims.iat)).toBe(
      DEFAULT_ID_TOKEN_TTL_SECONDS,
    );
  });

  it("gives the approver both groups", async () => {
    const token = await idTokenFor(idp, "sam", "sam-local");
    const result = await authorizer()(`Bearer ${token}`);
    expect(result.ok && result.claims["cognito:groups"]).toBe("[rule-editors rule-approvers]");
  });

  it("refuses to exchange a code for a page of another origin", async () => {
    const { verifier, back } = await signIn(idp, "alex", "alex-local");
    const code = back.searchParams.get("code") ?? "";
    const answer = await exchange(idp, code, verifier, "http://127.0.0.1:9999");
    expect(answer.status).toBe(400);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect(await answer.json()).toMatchObject({ error: "invalid_request" });
  });

  it("refuses an authorization request without PKCE", async () => {
    const { next } = await authorize(idp, browser(), false);
    expect(`${next.origin}${next.pathname}`).toBe(REDIRECT_URI);
    expect(next.searchParams.get("error")).toBe("invalid_request");
    expect(next.searchParams.has("code")).toBe(false);
  });

  it("issues ID tokens that API Gateway's check refuses once they expire", async () => {
    const token = await idTokenFor(idp, "alex", "alex-local");
    const expiry = new Date((decodeJwt(token).exp ?? 0) * 1000);
    const atExpiry = await authorizer(undefined, () => expiry)(`Bearer ${token}`);
    expect(atExpiry).toEqual({ ok: false, reason: "the token has expired" });
  });

  it("issues ID tokens for as long as it is told to", async () => {
    const shortLived = await startIdentityProvider({
      port: 0,
      redirectUris: [REDIRECT_URI],
      idTokenTtlSeconds: 60,
    });
    try {
      const { exp = 0, iat = 0 } = decodeJwt(await idTokenFor(shortLived, "alex", "alex-local"));
      expect(exp - iat).toBe(60);
    } finally {
      await shortLived.stop();
    }
  });

  it("is not the issuer of a token from another issuer, or signed with another key", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const forged = (iss: string) =>
      new SignJWT({ sub: "alex", "cognito:groups": ["rule-editors", "rule-approvers"] })
        .setProtectedHeader({ alg: "RS256", kid: "forged" })
        .setIssuer(iss)
        .setAudience(idp.clientId)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(privateKey);
    expect(await authorizer()(`Bearer ${await forged("http://127.0.0.1:1")}`)).toEqual({
      ok: false,
      reason: "the token is from another issuer",
    });
    expect(await authorizer()(`Bearer ${await forged(idp.issuer)}`)).toEqual({
      ok: false,
      reason: "the token is signed by a key the issuer does not publish",
    });
  });

  it("issues tokens API Gateway's check refuses for another audience", async () => {
    const token = await idTokenFor(idp, "alex", "alex-local");
    expect(await authorizer(["another-client"])(`Bearer ${token}`)).toEqual({
      ok: false,
      reason: INVALID_AUDIENCE,
    });
  });

  it("publishes its signing key as an RSA key, as API Gateway needs", async () => {
    const { keys } = (await (await fetch(new URL("/jwks", idp.issuer))).json()) as {
      keys: { kty: string; alg: string; d?: string }[];
    };
    expect(keys).toEqual([expect.objectContaining({ kty: "RSA", alg: "RS256" })]);
    expect(keys[0]?.d).toBeUndefined();
  });
});

/** A GET of the provider's keys by `agent`, naming `host` in its Host header. */
const getKeys = (
  issuer: string,
  agent: Agent,
  host?: string,
): Promise<{ status: number; socket: Socket }> =>
  new Promise((resolve, reject) => {
    const { port } = new URL(issuer);
    const headers = host ? { host } : {};
    const sent = request({ host: "127.0.0.1", port, path: "/jwks", agent, headers }, (response) => {
      response.resume();
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, socket: sent.socket as Socket }),
      );
    });
    sent.once("error", reject);
    sent.end();
  });

describe("where it answers", () => {
  it("refuses to listen beyond this machine", async () => {
    for (const host of ["0.0.0.0", "192.0.2.7", "::"]) {
      await expect(
        startIdentityProvider({ port: 0, host, redirectUris: [REDIRECT_URI] }),
      ).rejects.toThrow(/listens on this machine only/);
    }
  });

  it("answers only requests that name this machine, as a rebinding page's never do", async () => {
    const agent = new Agent();
    expect((await getKeys(idp.issuer, agent, "localhost:80")).status).toBe(200);
    expect((await getKeys(idp.issuer, agent, "rebound.example:80")).status).toBe(421);
    agent.destroy();
  });

  it("closes the connections browsers keep open when it stops", async () => {
    const provider = await startIdentityProvider({ port: 0, redirectUris: [REDIRECT_URI] });
    const agent = new Agent({ keepAlive: true });
    const { socket } = await getKeys(provider.issuer, agent);
    const closed = new Promise((resolve) => socket.once("close", resolve));
    await provider.stop();
    await closed;
    expect(socket.destroyed).toBe(true);
    agent.destroy();
  });
});
