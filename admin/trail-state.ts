import type { ActivePointer, AuditEntry, VersionMeta } from "../store/table-items.js";
import { isMoveRecord } from "../store/table-items.js";

/** The table's state that the audit trail accounts for: the pointer and every version's metadata. */
export interface TableState {
  readonly pointer: ActivePointer | undefined;
  /** Whether the pointer's signature holds (store/pointer-signature.ts). */
  readonly pointerSigned: boolean;
  readonly versions: readonly VersionMeta[];
}

const sorted = (versions: Iterable<number>): number[] => [...versions].sort((a, b) => a - b);
const listed = (versions: Iterable<number>): string => sorted(versions).join(", ") || "none";

/**
 * Where the table disagrees with its verified audit trail, each said as a sentence: the pointer
 * moved without an entry (or an entry's move undone), a version's status or revocation changed
 * by another hand. The pointer, statuses and revocations carry no signature of their own; this is
 * how a direct write to them is seen.
 */
export const stateDisagreements = (
  entries: readonly AuditEntry[],
  { pointer, pointerSigned, versions }: TableState,
): string[] => {
  const moves = entries.filter(isMoveRecord).sort((a, b) => a.sequence - b.sequence);
  const lastMove = moves.filter((e) => e.action !== "revoke").at(-1);
  const revokedInTrail = new Set(revokedIn(entries));
  const publishedInTrail = new Set(
    moves.filter((e) => e.action === "publish").map((e) => e.toVersion),
  );
  const revokedInTable = new Set(versions.filter((v) => v.revoked).map((v) => v.version));
  const publishedInTable = new Set(
    versions.filter((v) => v.status === "published").map((v) => v.version),
  );
  const said: string[] = [];
  if (pointer && !pointerSigned) said.push("the active pointer's signature fails");
  const bound = pointer && boundTo(pointer, moves.at(-1));
  if (bound) said.push(bound);
  if (pointer && listed(pointer.revoked ?? []) !== listed(revokedInTrail))
    said.push(
      `the active pointer lists revoked: ${listed(pointer.revoked ?? [])}; revoked in the trail: ${listed(revokedInTrail)}`,
    );
  if (pointer?.version !== lastMove?.toVersion)
    said.push(
      `the active pointer names version ${pointer?.version ?? "none"}, but the trail's last move was to ${lastMove?.toVersion ?? "none"}`,
    );
  if (listed(revokedInTable) !== listed(revokedInTrail))
    said.push(
      `versions marked revoked: ${listed(revokedInTable)}; revoked in the trail: ${listed(revokedInTrail)}`,
    );
  if (listed(publishedInTable) !== listed(publishedInTrail))
    said.push(
      `versions marked published: ${listed(publishedInTable)}; published in the trail: ${listed(publishedInTrail)}`,
    );
  return said;
};

/**
 * Whether the pointer names the entry that last wrote it (every move and revocation writes it, in
 * the same transaction): a signed pointer of an earlier write, put back, names an earlier one.
 */
const boundTo = (pointer: ActivePointer, lastWrite: AuditEntry | undefined): string | undefined => {
  const { entry } = pointer;
  if (!entry)
    return "the active pointer names no audit entry (written before pointers were bound to the trail; the next move binds it)";
  if (entry.sequence !== lastWrite?.sequence || entry.hash !== lastWrite.hash)
    return `the active pointer was written with audit entry ${entry.sequence}, but the trail's last write of it is entry ${lastWrite?.sequence ?? "none"}: an earlier pointer was put back`;
  return undefined;
};

/** Every version the trail revoked. */
export const revokedIn = (trail: readonly AuditEntry[]): number[] =>
  trail
    .filter(isMoveRecord)
    .filter((entry) => entry.action === "revoke")
    .map((entry) => entry.toVersion);
