import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalApi, startLocalApi } from "../../local/local-api.js";
import { LOCAL_DEFAULTS } from "../../local/local-defaults.js";
import { scratchFolder } from "../support/scratch.js";
import { idTokenFor } from "../support/sign-in-browser.js";

let server: LocalApi;
let studio: NonNullable<LocalApi["studio"]>;

beforeAll(async () => {
  server = await startLocalApi({
    port: 0,
    tableName: "studio-routes",
    ttlSeconds: 1,
    seedRules: LOCAL_DEFAULTS.shippedRules,
    signingKeyFile: `${scratchFolder("studio-routes")}/signing-key.pem`,
    logs: false,
    studio: true,
  });
  if (!server.studio) throw new Error("the studio did not start");
  studio = server.studio;
});

afterAll(async () => {
  await server?.stop();
});

const call = (path: string, token?: string, method = "GET") =>
  fetch(`${server.url}${path}`, {
    method,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

/** A token like the issuer's in every claim, signed by another key under another issuer. */
const foreignToken = async (): Promise<string> => {
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT({ name: "Mallory", "cognito:groups": ["rule-approvers"] })
    .setProtectedHeader({ alg: "RS256" })
    .setSubject("mallory")
    .setIssuer("https://issuer.example")
    .setAudience(studio.clientId)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
};

describe("the studio on npm start's server", () => {
  it("serves its page without a token, under a strict CSP that names the sign-in", async () => {
    const page = await call("/studio");
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ${studio.issuer}`);
    expect(await (await call("/studio/config.json")).json()).toEqual({
      issuer: studio.issuer,
      clientId: studio.clientId,
    });
  });

  it.each([
    ["no token", undefined],
    ["a token that is not one", "not-a-jwt"],
  ])("answers 401 to a request of its API with %s, as API Gateway does", async (_, token) => {
    const answer = await call("/admin/v1/requests", token);
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({ message: "Unauthorized" });
    expect(answer.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("answers 401 to a token from another issuer", async () => {
    expect((await call("/admin/v1/me", await foreignToken())).status).toBe(401);
  });

  it("hands a signed-in editor's claims on: the editor is known by name, and refused approval with 403", async () => {
    const token = await idTokenFor(studio, "alex", "alex-local", studio.url);
    expect(await (await call("/admin/v1/me", token)).json()).toEqual({
      subject: "alex",
      name: "Alex Editor",
      roles: ["editor"],
    });
    const approve = await call("/admin/v1/requests/1/approve", token, "POST");
    expect(approve.status).toBe(403);
    expect(await approve.json()).toMatchObject({ type: "urn:code-rules:problem:forbidden" });
  });

  it("leaves the callers' routes as they are", async () => {
    expect((await call("/health")).status).toBe(200);
  });
});
