import { GetPublicKeyCommand, KMSClient, SignCommand } from "@aws-sdk/client-kms";
import type { Signer } from "./signer.js";

/**
 * Signs with the stack's KMS key (ECC_NIST_P256, ECDSA_SHA_256): the private key never leaves
 * KMS, and only the admin policy may call kms:Sign. KMS returns the signature DER-encoded, as
 * node:crypto verifies it.
 */
export const kmsSigner = (keyId: string, kms: KMSClient = new KMSClient({})): Signer => ({
  keyId,
  sign: async (payload) => {
    const { Signature } = await kms.send(
      new SignCommand({
        KeyId: keyId,
        Message: payload,
        MessageType: "RAW",
        SigningAlgorithm: "ECDSA_SHA_256",
      }),
    );
    if (!Signature) throw new Error(`KMS returned no signature from ${keyId}`);
    return Buffer.from(Signature).toString("base64");
  },
  publicKey: async () => {
    const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (!PublicKey) throw new Error(`KMS returned no public key for ${keyId}`);
    return Buffer.from(PublicKey).toString("base64");
  },
});
