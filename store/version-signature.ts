import { signingPayload, type Verifier } from "./signature.js";
import type { VersionMeta } from "./table-items.js";

/**
 * What a version's signature covers: its number (so no version's content and signature can be
 * passed off as another's), the checksum of its content, its counts, and who published it when and
 * why. Status, publish time and revocation change after publishing and are not covered.
 */
const signedFields = (meta: VersionMeta) => ({
  version: meta.version,
  checksum: meta.checksum,
  ruleCount: meta.ruleCount,
  procedureCount: meta.procedureCount,
  actor: meta.actor,
  actorNote: meta.actorNote,
  message: meta.message,
  createdAt: meta.createdAt,
});

/** The bytes a version's signature is made over. */
export const versionSigningPayload = (meta: VersionMeta): Buffer =>
  signingPayload(signedFields(meta));

/** Whether the metadata carries a good signature of its fields (an unsigned version has none). */
export const versionSignatureHolds = (verify: Verifier, meta: VersionMeta): boolean =>
  meta.signature !== undefined && verify(versionSigningPayload(meta), meta.signature);
