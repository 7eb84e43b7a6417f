import type { Authority } from "./change-policy.js";

/**
 * What a door may say stands behind a move: the admin alone, or break glass. Only the store gives
 * a move a change request's authority, from the request as it reads it (request-publish.ts).
 */
export type DoorAuthority = Exclude<Authority, { readonly kind: "request" }>;

/** A move of the active pointer (publish or rollback), as the admin who makes it describes it. */
export interface Change {
  /** Who acted, as the credentials say: an IAM ARN, or the OS user on DynamoDB Local. */
  readonly actor: string;
  /** What the admin wrote about themselves (`--actor`): a note beside the identity, never instead of it. */
  readonly actorNote?: string | undefined;
  readonly message?: string | undefined;
  /** The active version the admin means to replace; null means "no version is active yet". */
  readonly expectVersion?: number | null | undefined;
  /** The admin let this change re-code dates of service already past; the audit entry says so. */
  readonly allowPastChanges?: boolean | undefined;
  /** The admin let this change take procedures or codes (or every rule) away from the active version. */
  readonly allowRemovals?: boolean | undefined;
  /** Dates of service before this day (YYYY-MM-DD) are past; today on the store's clock unless given. */
  readonly asOf?: string | undefined;
  /** Who besides the admin stands behind the move; the admin alone unless given. */
  readonly authority?: DoorAuthority | undefined;
}

/** A move as the store makes it: a change request's publish carries the request's authority. */
export type StoreChange = Omit<Change, "authority"> & {
  readonly authority?: Authority | undefined;
};

/** Who revokes a version, and why. */
export interface Revoke {
  readonly actor: string;
  readonly actorNote?: string | undefined;
  readonly reason: string;
}
