import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Result } from "../core/result.js";
import type { Signer, Verifier } from "../store/signature.js";
import type { AuditEntry, AuditHead, VersionMeta } from "../store/table-items.js";
import { AdminTable } from "./admin-table.js";
import type { ChainCheck } from "./audit-chain.js";
import { readAudit, readAuditHead, verifyAudit } from "./audit-log.js";
import type { Change, Revoke } from "./change.js";
import { type CollectedVersion, collectGarbage } from "./garbage-collector.js";
import { revoke, rollback } from "./pointer-moves.js";
import { type PublishedVersion, readPublished } from "./published-version.js";
import { publish } from "./publisher.js";
import type { StoreRefusal } from "./store-refusal.js";

/**
 * The admin side of the rules table, one object for the CLI, the studio, the local server and the
 * seed: publish, roll back, revoke, collect debris, and read versions and the audit trail. Every
 * version it publishes and every audit entry it appends is signed by `signer`; each responsibility
 * lives in a module of its own, and this class only hands them the table.
 */
export class RuleStore extends AdminTable {
  constructor(
    client: DynamoDBClient,
    tableName: string,
    signer: Signer,
    clock: () => Date = () => new Date(),
  ) {
    super(client, tableName, signer, clock);
  }

  publish(input: unknown, change: Change): Promise<Result<VersionMeta, StoreRefusal>> {
    return publish(this, input, change);
  }

  rollback(version: number, change: Change): Promise<Result<VersionMeta, StoreRefusal>> {
    return rollback(this, version, change);
  }

  revoke(version: number, reason: Revoke): Promise<Result<VersionMeta, StoreRefusal>> {
    return revoke(this, version, reason);
  }

  collectGarbage(staleAfterMs: number): Promise<CollectedVersion[]> {
    return collectGarbage(this, staleAfterMs);
  }

  /** The audit trail, newest first. */
  audit(): Promise<AuditEntry[]> {
    return readAudit(this);
  }

  auditHead(): Promise<AuditHead | undefined> {
    return readAuditHead(this);
  }

  verifyAudit(verify: Verifier): Promise<ChainCheck> {
    return verifyAudit(this, verify);
  }

  /** A published version with its rules, checked as the function checks them before serving. */
  readPublished(version: number): Promise<Result<PublishedVersion, StoreRefusal>> {
    return readPublished(this, version);
  }
}
