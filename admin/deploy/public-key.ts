import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from "aws-lambda";
import { PUBLIC_KEY_ATTRIBUTE, type PublicKeyProperties } from "./deploy-names.js";

export type PublicKeyEvent = CdkCustomResourceEvent<PublicKeyProperties>;

/** Reads a KMS key's public key, base64 SPKI DER (the bytes KMS GetPublicKey returns). */
export type ReadPublicKey = (keyId: string) => Promise<string>;

/**
 * The onEvent handler of the public-key custom resource: at deploy time, reads the signing key's
 * public key once and hands it to the stack as base64, which the stack gives the function. The
 * CDK's generic AwsCustomResource cannot: it decodes binary responses as UTF-8 text.
 */
export const createPublicKeyHandler =
  (readPublicKey: ReadPublicKey) =>
  async (event: PublicKeyEvent): Promise<CdkCustomResourceResponse> => {
    const keyId = event.ResourceProperties.KeyId;
    if (event.RequestType === "Delete") return { PhysicalResourceId: event.PhysicalResourceId };
    const publicKey = await readPublicKey(keyId);
    return { PhysicalResourceId: keyId, Data: { [PUBLIC_KEY_ATTRIBUTE]: publicKey } };
  };
