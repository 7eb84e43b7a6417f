/**
 * The names the stack and the admin side's deploy-time functions (the first-deploy seed and the
 * public-key lookup) must agree on. infra/ imports it, so it imports nothing itself.
 */

/** The seed function's environment variables: its own, not the selection function's. */
export const SEED_ENV = {
  tableName: "SEED_RULES_TABLE_NAME",
  /** The KMS key that signs versions and audit entries: the seed publishes, so it signs. */
  signingKeyId: "SEED_SIGNING_KEY_ID",
  /**
   * The admin role the seed publishes as: the only principal the signing key lets sign. The seed's
   * own role may assume it during the first deploy only (infra/constructs/rules-seed.ts).
   */
  adminRoleArn: "SEED_ADMIN_ROLE_ARN",
  /** The S3 bucket under Object Lock where the seed's audit head is kept, as every admin's is. */
  auditHeadBucket: "SEED_AUDIT_HEAD_BUCKET",
} as const;

/** The public-key custom resource's properties and the attribute it answers with. */
export interface PublicKeyProperties {
  readonly KeyId: string;
}
export const PUBLIC_KEY_ATTRIBUTE = "PublicKey";

/** The first-deploy seed custom resource's properties, as the stack declares them. */
export interface SeedProperties {
  /**
   * The shipped rule set as one JSON string. CloudFormation hands custom resource properties over
   * as strings, so a rule set passed as an object would arrive with "5" for 5 and "true" for true.
   */
  readonly RuleSet: string;
}

/**
 * The admin function's environment variables: it alone of the stack's functions writes the rules
 * table and signs (the selection function reads), and it serves the studio page.
 */
export const ADMIN_FUNCTION_ENV = {
  tableName: "ADMIN_RULES_TABLE_NAME",
  /** The KMS key that signs versions, pointers and audit entries. */
  signingKeyId: "ADMIN_SIGNING_KEY_ID",
  /** The key's public half (base64 SPKI DER): what every read is verified with, without a KMS call. */
  signingPublicKey: "ADMIN_SIGNING_PUBLIC_KEY",
  /** The S3 bucket under Object Lock where each audit head is kept. */
  auditHeadBucket: "ADMIN_AUDIT_HEAD_BUCKET",
  /** The OpenID Connect issuer the studio signs in with, as the JWT authorizer trusts it. */
  issuer: "ADMIN_OIDC_ISSUER",
  /** The studio's client id at that issuer: the audience of the tokens the authorizer accepts. */
  clientId: "ADMIN_OIDC_CLIENT_ID",
  /** The token claim that lists a person's groups (`cognito:groups` for Cognito). */
  groupsClaim: "ADMIN_OIDC_GROUPS_CLAIM",
  /** Space-separated origins the page may call to sign in (the issuer's, its hosted sign-in's). */
  signInOrigins: "ADMIN_SIGN_IN_ORIGINS",
} as const;

/** The groups that give a person a role in the studio: editors propose, approvers also approve and publish. */
export const ADMIN_GROUPS = { editors: "rule-editors", approvers: "rule-approvers" } as const;

/** The claim Cognito lists a person's groups in; an organisation's own issuer may name another. */
export const DEFAULT_GROUPS_CLAIM = "cognito:groups";

/**
 * Where the admin function serves the studio page (no authorizer: the page holds no data; every
 * call it makes to /admin/v1/ carries a token). The page is `/studio`, its files `/studio/{file}`.
 */
export const STUDIO_PATH = "/studio";
