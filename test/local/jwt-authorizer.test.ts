import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiGatewayClaims,
  apiGatewayClaimValue,
  INVALID_AUDIENCE,
  type JwtAuthorizer,
  jwtAuthorizer,
  unauthorized,
} from "../../local/jwt-authorizer.js";

const ISSUER = "http://127.0.0.1:9000";
const CLIENT_ID = "code-rules-studio";
const NOW = new Date("2026-06-01T12:00:00Z");
const NOW_SECONDS = NOW.getTime() / 1000;

type Signer = (claims: JWTPayload, kid?: string) => Promise<string>;

const rsaSigner = async (): Promise<{ sign: Signer; publicJwk: JWK }> => {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const publicJwk = { ...(await exportJWK(publicKey)), kid: "issuer-key", alg: "RS256" };
  const sign: Signer = (claims, kid = "issuer-key") =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey);
  return { sign, publicJwk };
};

/** What Cognito puts in an editor's ID token, issued a minute before NOW for an hour. */
const editorClaims = (overrides: JWTPayload = {}): JWTPayload => ({
  sub: "alex",
  name: "Alex Editor",
  "cognito:groups": ["rule-editors"],
  iss: ISSUER,
  aud: CLIENT_ID,
  iat: NOW_SECONDS - 60,
  exp: NOW_SECONDS + 3540,
  ...overrides,
});

let sign: Signer;
let forge: Signer;
let authorize: JwtAuthorizer;

beforeAll(async () => {
  const issuerKey = await rsaSigner();
  sign = issuerKey.sign;
  forge = (await rsaSigner()).sign;
  authorize = jwtAuthorizer({
    issuer: ISSUER,
    audience: [CLIENT_ID],
    jwks: createLocalJWKSet({ keys: [issuerKey.publicJwk] }),
    clock: () => NOW,
  });
});

const reasonFor = async (authorization: string | undefined): Promise<string> => {
  const result = await authorize(authorization);
  return result.ok ? "accepted" : result.reason;
};

describe("the claims as API Gateway hands them to the function", () => {
  it("gives strings as they are, numbers and booleans as their text", () => {
    expect(apiGatewayClaimValue("Alex Editor")).toBe("Alex Editor");
    expect(apiGatewayClaimValue(1780315200)).toBe("1780315200");
    expect(apiGatewayClaimValue(1.5)).toBe("1.5");
    expect(apiGatewayClaimValue(true)).toBe("true");
  });

  it("gives a list as its items between square brackets, split by spaces", () => {
    expect(apiGatewayClaimValue(["rule-editors", "rule-approvers"])).toBe(
      "[rule-editors rule-approvers]",
    );
    expect(apiGatewayClaimValue(["rule-editors"])).toBe("[rule-editors]");
    expect(apiGatewayClaimValue([])).toBe("[]");
  });

  it("gives an object as its JSON", () => {
    expect(apiGatewayClaimValue({ city: "Seattle" })).toBe('{"city":"Seattle"}');
  });

  it("turns every claim of a token into a string", () => {
    expect(apiGatewayClaims(editorClaims())).toEqual({
      sub: "alex",
      name: "Alex Editor",
      "cognito:groups": "[rule-editors]",
      iss: ISSUER,
      aud: CLIENT_ID,
      iat: String(NOW_SECONDS - 60),
      exp: String(NOW_SECONDS + 3540),
    });
  });
});

describe("a JWT authorizer", () => {
  it("accepts the issuer's token for the audience, and hands on its claims as strings", async () => {
    const result = await authorize(`Bearer ${await sign(editorClaims())}`);
    expect(result).toEqual({ ok: true, claims: apiGatewayClaims(editorClaims()) });
  });

  it("takes the token alone, without Bearer, as API Gateway does", async () => {
    expect(await reasonFor(await sign(editorClaims()))).toBe("accepted");
  });

  it("refuses a request with no token", async () => {
    expect(await reasonFor(undefined)).toBe("no bearer token");
    expect(await reasonFor("")).toBe("no bearer token");
    expect(await reasonFor("Bearer ")).toBe("no bearer token");
  });

  it("refuses what is not a JWT", async () => {
    expect(await reasonFor("Bearer not.a-jwt")).toBe("the token is not a JWT");
  });

  it("refuses a token from another issuer", async () => {
    const token = await forge(editorClaims({ iss: "https://cognito-idp.example.com/other" }));
    expect(await reasonFor(`Bearer ${token}`)).toBe("the token is from another issuer");
  });

  it("refuses a token that names the issuer but is signed by a key it does not publish", async () => {
    const token = await forge(editorClaims(), "another-key");
    expect(await reasonFor(`Bearer ${token}`)).toBe(
      "the token is signed by a key the issuer does not publish",
    );
  });

  it("refuses a token that borrows the issuer's key id but not its key", async () => {
    const token = await forge(editorClaims());
    expect(await reasonFor(`Bearer ${token}`)).toBe("the token's signature does not verify");
  });

  it("refuses a token signed with a shared secret: API Gateway takes RSA only", async () => {
    const token = await new SignJWT(editorClaims())
      .setProtectedHeader({ alg: "HS256", kid: "issuer-key" })
      .sign(new TextEncoder().encode("a shared secret of thirty-two bytes!"));
    expect(await reasonFor(`Bearer ${token}`)).toBe("the token is not signed with RSA");
  });

  it("refuses a token for another audience, in AWS's words", async () => {
    const token = await sign(editorClaims({ aud: "another-client" }));
    expect(await reasonFor(`Bearer ${token}`)).toBe(INVALID_AUDIENCE);
  });

  it("reads client_id as the audience only when the token has no aud", async () => {
    const accessToken = await sign(editorClaims({ aud: undefined, client_id: CLIENT_ID }));
    expect(await reasonFor(`Bearer ${accessToken}`)).toBe("accepted");
    const both = await sign(editorClaims({ aud: "another-client", client_id: CLIENT_ID }));
    expect(await reasonFor(`Bearer ${both}`)).toBe(INVALID_AUDIENCE);
  });

  it("accepts a token up to the second before it expires, and refuses it from then on", async () => {
    expect(await reasonFor(await sign(editorClaims({ exp: NOW_SECONDS + 1 })))).toBe("accepted");
    expect(await reasonFor(await sign(editorClaims({ exp: NOW_SECONDS })))).toBe(
      "the token has expired",
    );
  });

  it("refuses a token with no expiry", async () => {
    expect(await reasonFor(await sign(editorClaims({ exp: undefined })))).toBe(
      "the token has no expiry",
    );
  });

  it("refuses a token not valid yet, or issued after now", async () => {
    expect(await reasonFor(await sign(editorClaims({ nbf: NOW_SECONDS + 1 })))).toBe(
      "the token is not valid yet",
    );
    expect(await reasonFor(await sign(editorClaims({ iat: NOW_SECONDS + 1 })))).toBe(
      "the token is issued in the future",
    );
  });
});

describe("a JWT authorizer that finds the keys by the issuer's discovery document", () => {
  it("refuses, saying so, while the issuer does not answer", async () => {
    const down = "http://127.0.0.1:1";
    const authorizeDown = jwtAuthorizer({ issuer: down, audience: [CLIENT_ID] });
    const token = await sign(editorClaims({ iss: down }));
    expect(await authorizeDown(`Bearer ${token}`)).toEqual({
      ok: false,
      reason: "the issuer's keys could not be fetched",
    });
  });
});

describe("the answer to a refused request", () => {
  it("is API Gateway's 401, its www-authenticate laid out as AWS documents it", () => {
    expect(unauthorized(INVALID_AUDIENCE)).toEqual({
      statusCode: 401,
      headers: {
        "content-type": "application/json",
        "www-authenticate":
          'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
      },
      body: '{"message":"Unauthorized"}',
    });
  });

  it("keeps the reason inside its quotes", () => {
    const header = unauthorized('a "quoted"\r\nreason').headers?.["www-authenticate"];
    expect(header).toBe(
      `Bearer scope="" error="invalid_token" error_description="a 'quoted' reason"`,
    );
  });
});
