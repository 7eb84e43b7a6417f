import { z } from "zod";
import type { Verifier } from "../store/signature.js";
import type { SignedHead } from "../store/table-items.js";

/**
 * Where a copy of every audit head is kept outside the table, written once and never rewritten:
 * on AWS an S3 bucket under Object Lock, on this machine a file beside DynamoDB Local's data. The
 * table's trail must still reach the newest head kept here, so a trail cut back or deleted, head
 * and all, is seen by `audit --verify`.
 */
export interface AuditAnchor {
  /** Where the heads are kept, as messages name it. */
  readonly where: string;
  /** Keeps a copy of the head; one already kept for its sequence is left as it is. */
  keep(head: SignedHead): Promise<void>;
  /** The newest head kept, if any: the one with the highest sequence. */
  newest(): Promise<SignedHead | undefined>;
}

/**
 * Thrown when what is kept is not a head (a line or object written by another hand): tampering,
 * told apart from a store that cannot be reached, which is no evidence of anything.
 */
export class NotAHead extends Error {
  override readonly name = "NotAHead";
}

/** A head as it is kept outside the table, read back from there as hostile as any other input. */
export const keptHead = z.strictObject({
  sequence: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().min(1).max(2_000),
});

/** A head's copy as it is written: one line of JSON. */
export const headText = (head: SignedHead): string =>
  JSON.stringify({ sequence: head.sequence, hash: head.hash, signature: head.signature });

/** Whether a head is signed by the key that signs the trail: its signature is its entry's, over its hash. */
export const headSignatureHolds = (verify: Verifier, head: SignedHead): boolean =>
  verify(Buffer.from(head.hash, "utf8"), head.signature);
