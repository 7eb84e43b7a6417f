import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { canonical } from "../core/canonical.js";

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
