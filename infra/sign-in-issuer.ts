import { DEFAULT_GROUPS_CLAIM } from "../admin/deploy/deploy-names.js";

/**
 * Whose tokens the admin routes accept (API Gateway's JWT authorizer checks each token's
 * signature against the issuer's keys, its issuer, audience and expiry), and what the admin
 * function and its page are told of them.
 */
export interface SignInIssuer {
  /** The OpenID Connect issuer, exactly as its tokens name it (`iss`). */
  readonly issuer: string;
  /** The studio's client id at the issuer: the audience a token must carry. */
  readonly audience: string;
  /** The token claim that lists a person's groups. */
  readonly groupsClaim: string;
  /** The origins the page calls to sign in: its CSP's connect-src beside its own. */
  readonly signInOrigins: readonly string[];
}

/** An organisation's own issuer (Entra ID, Okta, an existing Cognito user pool), as a deploy names it. */
export interface OrganisationIssuer {
  /** The issuer's URL, exactly as its tokens name it (`iss`). */
  readonly issuer: string;
  /** The studio's client id, registered with the issuer. */
  readonly audience: string;
  /** @default DEFAULT_GROUPS_CLAIM (`cognito:groups`) */
  readonly groupsClaim?: string;
  /**
   * Origins the page calls to sign in besides the issuer's own (a separate sign-in or token host).
   * @default none
   */
  readonly signInOrigins?: readonly string[];
}

/** The sign-in an organisation's issuer gives: the page signs in at the issuer's origin. */
export const organisationSignIn = (given: OrganisationIssuer): SignInIssuer => ({
  issuer: given.issuer,
  audience: given.audience,
  groupsClaim: given.groupsClaim ?? DEFAULT_GROUPS_CLAIM,
  signInOrigins: [...new Set([new URL(given.issuer).origin, ...(given.signInOrigins ?? [])])],
});
