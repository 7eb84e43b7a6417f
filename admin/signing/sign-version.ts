import type { VersionMeta } from "../../store/table-items.js";
import { versionSigningPayload } from "../../store/version-signature.js";
import type { Signer } from "./signer.js";

/** The metadata with its signature, ready to store. */
export const signVersion = async (signer: Signer, meta: VersionMeta): Promise<VersionMeta> => ({
  ...meta,
  signature: await signer.sign(versionSigningPayload(meta)),
  signingKey: signer.keyId,
});
