import { localSigner } from "../../admin/signing/local-signer.js";
import { LOCAL_DEFAULTS } from "../../local/local-defaults.js";
import { verifierFor } from "../../store/signature.js";

/** The key the CLI signs with on DynamoDB Local (.local-data/): the integration tier shares it. */
export const signer = localSigner(LOCAL_DEFAULTS.signingKeyFile);

/** Its public key, as the function is given it. */
export const publicKey = await signer.publicKey();

/** Verifies what `signer` signed. */
export const verify = verifierFor(publicKey);
