import { GetPublicKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { createPublicKeyHandler } from "./public-key.js";

const kms = new KMSClient({});

/** The Lambda entry of the public-key custom resource, called by the CDK provider framework. */
export const handler = createPublicKeyHandler(async (keyId) => {
  const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!PublicKey) throw new Error(`KMS returned no public key for ${keyId}`);
  return PublicKey;
});
