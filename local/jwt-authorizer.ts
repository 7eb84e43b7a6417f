import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import {
  createRemoteJWKSet,
  decodeJwt,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";

/**
 * What API Gateway's HTTP API JWT authorizer does in front of the admin function, done for the
 * local server: the checks it makes, the claims it hands on, the 401 it answers with.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */

export interface JwtAuthorizerOptions {
  /** The issuer the token's `iss` must equal, exactly. */
  readonly issuer: string;
  /** The token's `aud` (or, when it has none, its `client_id`) must be one of these. */
  readonly audience: readonly string[];
  /** The issuer's keys; by default, those its discovery document's `jwks_uri` publishes. */
  readonly jwks?: JWTVerifyGetKey;
  /** Now, as the time claims are held to; the machine's clock by default. */
  readonly clock?: () => Date;
}

export type JwtAuthorization =
  | { readonly ok: true; readonly claims: Record<string, string> }
  | { readonly ok: false; readonly reason: string };

export type JwtAuthorizer = (authorization: string | undefined) => Promise<JwtAuthorization>;

/** The one refusal whose words AWS documents (its troubleshooting page); the others are ours. */
export const INVALID_AUDIENCE = "the token does not have a valid audience";

/** API Gateway checks signatures with RSA keys only. */
const RSA_ALGORITHMS = ["RS256", "RS384", "RS512"];

/**
 * One claim's value as the function finds it in `requestContext.authorizer.jwt.claims`: every
 * claim a string (AWS's payload 2.0 example shows them so:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html),
 * a number as its decimal text, and a list as its items between square brackets, split by spaces:
 * `["rule-editors","rule-approvers"]` arrives as `[rule-editors rule-approvers]`. AWS does not
 * document the list's form; it is what API Gateway is seen to send, and what AWS's own samples
 * parse (aws-solutions-library-samples/guidance-for-claude-code-with-amazon-bedrock#803). An
 * object, which Cognito never puts in an ID token, is given here as its JSON.
 */
export const apiGatewayClaimValue = (value: unknown): string => {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(apiGatewayClaimValue).join(" ")}]`;
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
};

/** Every claim of a token as API Gateway hands them to the function. */
export const apiGatewayClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [name, apiGatewayClaimValue(value)]),
  );

/** Text that stays inside a header's quoted string, and on its one line. */
const quotable = (text: string): string => text.replace(/\s+/g, " ").replace(/["\\]/g, "'");

/**
 * The answer API Gateway gives a request its authorizer refused, without calling the function:
 * its `www-authenticate` laid out as AWS shows it (space-separated, with an empty scope).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html
 */
export const unauthorized = (reason: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 401,
  headers: {
    "content-type": "application/json",
    "www-authenticate": `Bearer scope="" error="invalid_token" error_description="${quotable(reason)}"`,
  },
  body: JSON.stringify({ message: "Unauthorized" }),
});

/** API Gateway takes the header's token alone, or after `Bearer`. */
const bearerToken = (authorization: string | undefined): string | undefined => {
  const value = authorization?.trim().replace(/^Bearer(\s+|$)/i, "");
  return value ? value : undefined;
};

/** The audiences a token names: its `aud`, or its `client_id` when it has no `aud` at all. */
const audiencesOf = (payload: JWTPayload): readonly unknown[] => {
  if (payload.aud !== undefined) return Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  return payload.client_id === undefined ? [] : [payload.client_id];
};

/** The issuer's keys, found by its discovery document as API Gateway finds them. */
const discoveredKeys = (issuer: string): JWTVerifyGetKey => {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const { jwks_uri } = (await response.json()) as { jwks_uri?: unknown };
    if (typeof jwks_uri !== "string") throw new Error("discovery names no jwks_uri");
    return createRemoteJWKSet(new URL(jwks_uri));
  };
  return async (header, token) => {
    keys ??= discover().catch((error: unknown) => {
      keys = undefined; // asked again on the next request, when the issuer may be up
      throw error;
    });
    return (await keys)(header, token);
  };
};

/** A refusal in a few words, for the 401's header and the local log: never a stack. */
const reasonFor = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return "the token is not valid yet";
    if (error.claim === "exp" && error.reason === "missing") return "the token has no expiry";
    return `the token's ${error.claim} claim is not acceptable`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token is not signed with RSA";
  if (error instanceof errors.JWKSNoMatchingKey)
    return "the token is signed by a key the issuer does not publish";
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return "the token's signature does not verify";
  const malformed = [errors.JWSInvalid, errors.JWTInvalid, errors.JOSENotSupported];
  if (malformed.some((kind) => error instanceof kind)) return "the token is not a valid JWT";
  // What is left failed on the way to the keys: the issuer down, or its answer not a key set.
  return "the issuer's keys could not be fetched";
};

/** Refuses the token when a claim is not acceptable; read before the signature, it only refuses. */
const claimRefusal = (payload: JWTPayload, options: JwtAuthorizerOptions): string | undefined => {
  if (payload.iss !== options.issuer) return "the token is from another issuer";
  const audiences = audiencesOf(payload);
  if (!audiences.some((aud) => typeof aud === "string" && options.audience.includes(aud)))
    return INVALID_AUDIENCE;
  return undefined;
};

const unverifiedPayload = (token: string): JWTPayload | undefined => {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
};

/**
 * Checks the Authorization header as API Gateway's JWT authorizer does: a token (after `Bearer`
 * or alone), signed with one of the issuer's RSA keys (`kid` among its JWKS), `iss` the issuer,
 * `aud` (or `client_id`) among the audience, `exp` after now, `nbf` and `iat` not after now, with
 * no allowance for skew. It answers the claims as API Gateway hands them on, or why it refused.
 */
export const jwtAuthorizer = (options: JwtAuthorizerOptions): JwtAuthorizer => {
  const keys = options.jwks ?? discoveredKeys(options.issuer);
  const clock = options.clock ?? (() => new Date());
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (!token) return { ok: false, reason: "no bearer token" };
    const claimed = unverifiedPayload(token);
    if (!claimed) return { ok: false, reason: "the token is not a JWT" };
    const refusal = claimRefusal(claimed, options);
    if (refusal) return { ok: false, reason: refusal };
    const now = clock();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        algorithms: RSA_ALGORITHMS,
        currentDate: now,
        requiredClaims: ["exp"],
      });
      if (typeof payload.iat === "number" && payload.iat > now.getTime() / 1000)
        return { ok: false, reason: "the token is issued in the future" };
      return { ok: true, claims: apiGatewayClaims(payload) };
    } catch (error) {
      return { ok: false, reason: reasonFor(error) };
    }
  };
};
