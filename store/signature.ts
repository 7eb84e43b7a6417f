import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { canonical } from "../core/canonical.js";

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

/** Whether a signature over a payload was made by the key. */
export type Verifier = (payload: Buffer, signature: string) => boolean;

/** The bytes signed for a set of fields: their canonical JSON, so field order never matters. */
export const signingPayload = (fields: object): Buffer =>
  Buffer.from(JSON.stringify(canonical(fields)), "utf8");

/** A verifier for a public key in base64 SPKI DER; verification is local, with node:crypto. */
export const verifierFor = (publicKey: string): Verifier => {
  const key: KeyObject = createPublicKey({
    key: Buffer.from(publicKey, "base64"),
    format: "der",
    type: "spki",
  });
  return (payload, signature) => {
    try {
      return verify("sha256", payload, key, Buffer.from(signature, "base64"));
    } catch {
      // A signature that is not even DER is as false as a wrong one.
      return false;
    }
  };
};
