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
