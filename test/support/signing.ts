import { localSigner } from "../../lambda/signing/local-signer.js";
import { verifierFor } from "../../lambda/signing/signature.js";

/** The key the CLI signs with on DynamoDB Local (.local-data/): the integration tier shares it. */
export const signer = localSigner();

/** Its public key, as the function is given it. */
export const publicKey = await signer.publicKey();

/** Verifies what `signer` signed. */
export const verify = verifierFor(publicKey);
