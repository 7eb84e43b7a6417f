/**
 * Signs for the admin side (publish, rollback, revoke): ECDSA P-256 with SHA-256, the signature
 * DER-encoded and written as base64. KMS signs on AWS, a local key on DynamoDB Local.
 */
export interface Signer {
  /** Which key signs: a KMS key ARN, or `local:<file>`. */
  readonly keyId: string;
  sign(payload: Buffer): Promise<string>;
  /** The public key, base64 SPKI DER, as the function is given it. */
  publicKey(): Promise<string>;
}
