import { signingPayload, type Verifier } from "./signature.js";
import type { ActivePointer } from "./table-items.js";

/**
 * The bytes a pointer's signature is made over: which version is active, since when, by whom,
 * every revoked version, and the audit entry that recorded the write.
 */
export const pointerSigningPayload = (pointer: ActivePointer): Buffer =>
  signingPayload({
    pointer: "active",
    version: pointer.version,
    updatedAt: pointer.updatedAt,
    actor: pointer.actor,
    actorNote: pointer.actorNote,
    revoked: [...(pointer.revoked ?? [])].sort((a, b) => a - b),
    revision: pointer.revision,
    entry: pointer.entry && { sequence: pointer.entry.sequence, hash: pointer.entry.hash },
  });

/**
 * Whether the pointer carries a good signature. A pointer written by another hand (moved to
 * another version, a revocation removed) or before pointers were signed has none, and is never
 * followed.
 */
export const pointerSignatureHolds = (verify: Verifier, pointer: ActivePointer): boolean =>
  pointer.signature !== undefined && verify(pointerSigningPayload(pointer), pointer.signature);
