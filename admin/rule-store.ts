import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Result } from "../core/result.js";
import type { RuleSet } from "../core/rule-set.js";
import type { ActivePointer, AuditEntry, VersionMeta } from "../store/table-items.js";
import type { StoredVersion } from "../store/version-reader.js";
import { type AdminMetrics, NO_ADMIN_METRICS } from "./admin-metrics.js";
import { AdminTable } from "./admin-table.js";
import type { AuditAnchor } from "./audit-anchor.js";
import { type AuditCheck, readAudit, verifyAudit } from "./audit-log.js";
import type { Change, Revoke } from "./change.js";
import type { JudgedAction } from "./change-policy.js";
import { ChangeRequests } from "./change-requests.js";
import { type CollectedVersion, collectGarbage } from "./garbage-collector.js";
import { type CheckedMove, checkMove, type MoveChange } from "./move-check.js";

/** What of a change a door's preview says: its leave, and only the authority a door may give. */
type DoorMoveChange = Omit<MoveChange, "authority"> & Pick<Change, "authority">;

import { revoke, rollback } from "./pointer-moves.js";
import { type PublishedVersion, readPublished } from "./published-version.js";
import { publish } from "./publisher.js";
import type { Signer } from "./signing/signer.js";
import type { StoreRefusal } from "./store-refusal.js";

/**
 * A door's change with only the authority a door may give: a change request's, however it got
 * here (JavaScript knows no types), counts for nothing, so the move is judged as the admin's alone.
 */
const asDoor = (change: Change): Change => {
  const kind: string | undefined = change.authority?.kind;
  return kind === "alone" || kind === "break-glass" ? change : { ...change, authority: undefined };
};

/** What a store is made with besides its table. */
export interface RuleStoreOptions {
  /** Signs every version, pointer and audit entry it writes. */
  readonly signer: Signer;
  /** Where a copy of each audit head is kept outside the table. */
  readonly anchor: AuditAnchor;
  /** Dates every change; the system clock unless given. */
  readonly clock?: () => Date;
  /** Where break glass raises its alarm; nowhere unless given. */
  readonly metrics?: AdminMetrics;
}

/**
 * The admin side of the rules table, one object for the CLI, the studio, the local server and the
 * seed: publish, roll back, revoke, collect debris, and read versions and the audit trail. Every
 * version it publishes and every audit entry it appends is signed by `signer`. Each responsibility
 * lives in a module of its own; this class only hands them the table, which it keeps to itself.
 */
export class RuleStore {
  private readonly table: AdminTable;
  /** Change requests: proposed, reviewed, approved by a second person, and published. */
  readonly requests: ChangeRequests;

  constructor(client: DynamoDBClient, tableName: string, options: RuleStoreOptions) {
    const { signer, anchor, clock = () => new Date(), metrics = NO_ADMIN_METRICS } = options;
    this.table = new AdminTable(client, tableName, signer, anchor, clock, metrics);
    this.requests = new ChangeRequests(this.table);
  }

  publish(input: unknown, change: Change): Promise<Result<VersionMeta, StoreRefusal>> {
    return publish(this.table, input, asDoor(change));
  }

  rollback(version: number, change: Change): Promise<Result<VersionMeta, StoreRefusal>> {
    return rollback(this.table, version, asDoor(change));
  }

  revoke(version: number, reason: Revoke): Promise<Result<VersionMeta, StoreRefusal>> {
    return revoke(this.table, version, reason);
  }

  /**
   * What the change policy says of moving `candidate` into place now, and the version it is judged
   * against, without writing anything: the impact a door shows, and its dry run.
   */
  previewMove(
    action: JudgedAction,
    candidate: RuleSet,
    change: DoorMoveChange,
  ): Promise<Result<CheckedMove, StoreRefusal>> {
    return checkMove(this.table, action, candidate, change);
  }

  collectGarbage(staleAfterMs: number): Promise<CollectedVersion[]> {
    return collectGarbage(this.table, staleAfterMs);
  }

  activePointer(): Promise<ActivePointer | undefined> {
    return this.table.activePointer();
  }

  /** Every version, newest first, staged and abandoned ones included. */
  listVersions(): Promise<VersionMeta[]> {
    return this.table.listVersions();
  }

  versionMeta(version: number): Promise<VersionMeta | undefined> {
    return this.table.versionMeta(version);
  }

  /** A version as stored, unchecked: for showing what is there, never for serving or building on. */
  readVersion(version: number): Promise<StoredVersion | undefined> {
    return this.table.readVersion(version);
  }

  /** A published version with its rules, checked as the function checks them before serving. */
  readPublished(version: number): Promise<Result<PublishedVersion, StoreRefusal>> {
    return readPublished(this.table, version);
  }

  /** The audit trail, newest first. */
  audit(): Promise<AuditEntry[]> {
    return readAudit(this.table);
  }

  /** Checks the audit trail's chain and every signature with the signer's own public key. */
  async verifyAudit(): Promise<AuditCheck> {
    return verifyAudit(this.table, await this.table.verifier());
  }
}
