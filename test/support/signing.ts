import { MemoryAnchor } from "../../admin/anchors/memory-anchor.js";
import type { RuleStoreOptions } from "../../admin/rule-store.js";
import { localSigner } from "../../admin/signing/local-signer.js";
import type { Signer } from "../../admin/signing/signer.js";
import { LOCAL_DEFAULTS } from "../../local/local-defaults.js";
import { pointerSigningPayload } from "../../store/pointer-signature.js";
import { verifierFor } from "../../store/signature.js";
import type { ActivePointer } from "../../store/table-items.js";

/** The key the CLI signs with on DynamoDB Local (.local-data/): the integration tier shares it. */
export const signer = localSigner(LOCAL_DEFAULTS.signingKeyFile);

/** Its public key, as the function is given it. */
export const publicKey = await signer.publicKey();

/** Verifies what `signer` signed. */
export const verify = verifierFor(publicKey);

/** A pointer to `version`, signed by `signer` as a move through the store signs it. */
export const signedPointer = async (version: number, at: string): Promise<ActivePointer> => {
  const pointer = { version, updatedAt: at, actor: "alice", revoked: [], revision: 1 };
  return { ...pointer, signature: await signer.sign(pointerSigningPayload(pointer)) };
};

/**
 * What a test's store is made with: `by` signs (the shared key unless given), and its audit heads
 * are kept in memory, as the in-memory DynamoDB Local of the integration tier is.
 */
export const storeOptions = (by: Signer = signer): RuleStoreOptions => ({
  signer: by,
  anchor: new MemoryAnchor(),
});
