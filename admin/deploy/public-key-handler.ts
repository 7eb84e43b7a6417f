import { kmsSigner } from "../signing/kms-signer.js";
import { createPublicKeyHandler } from "./public-key.js";

/** The Lambda entry of the public-key custom resource, called by the CDK provider framework. */
export const handler = createPublicKeyHandler((keyId) => kmsSigner(keyId).publicKey());
