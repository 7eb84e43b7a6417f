import { randomUUID } from "node:crypto";
import { type DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { type ChangeNotes, changeNoteProblem, type NoteField } from "../core/change-notes.js";
import { limitProblems } from "../core/limits.js";
import { validateForPublish } from "../core/publish-checks.js";
import { removalProblems } from "../core/removals.js";
import { err, ok, type Result } from "../core/result.js";
import type { RuleSet } from "../core/rule-set.js";
import type { RuleProblem } from "../core/validate.js";
import { type Signer, type Verifier, verifierFor } from "../signing/signature.js";
import { type ChainCheck, chainEntry, checkAuditChain } from "./audit-chain.js";
import { ruleSetChecksum } from "./checksum.js";
import { overLimits, READ_TIMEOUT_MS, verifyStoredVersion } from "./rule-loader.js";
import {
  type ActivePointer,
  type AuditEntry,
  type AuditHead,
  type AuditRecord,
  contentItems,
  keys,
  type VersionMeta,
} from "./table-items.js";
import { VersionReader, withoutKeys } from "./version-reader.js";
import { signVersion, versionSignatureHolds } from "./version-signature.js";

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
  /** The admin let a rule set with no rules through (the CLI checks other removals itself). */
  readonly allowRemovals?: boolean | undefined;
}

/** How long a staged version may take to be read back and checked as the function would. */
export const SERVABLE_BUDGET_MS = 2 * READ_TIMEOUT_MS;

export type StoreRefusal =
  /** A note about the change (message, reason, actor note) too long or not plain text. Nothing was written. */
  | { readonly kind: "invalid-note"; readonly field: NoteField; readonly message: string }
  | {
      readonly kind: "invalid-rules";
      readonly problems: readonly RuleProblem[];
      readonly message: string;
    }
  | {
      /** Past the limits, or empty: the function could not serve it. Nothing was written. */
      readonly kind: "unservable";
      readonly problems: readonly RuleProblem[];
      readonly message: string;
    }
  | {
      /** Written but not servable, or a write that failed part way: the version is abandoned. */
      readonly kind: "abandoned";
      readonly version: number;
      readonly message: string;
    }
  | {
      readonly kind: "conflict";
      readonly expected: number | null;
      readonly active: number | null;
      readonly message: string;
    }
  | { readonly kind: "unchanged"; readonly version: number; readonly message: string }
  | { readonly kind: "version-not-found"; readonly version: number; readonly message: string }
  | { readonly kind: "already-active"; readonly version: number; readonly message: string }
  | { readonly kind: "revoked"; readonly version: number; readonly message: string }
  /** The version as stored fails its checksum or signature: changed outside publish. */
  | { readonly kind: "tampered"; readonly version: number; readonly message: string };

/** Who revokes a version, and why. */
export interface Revoke {
  readonly actor: string;
  readonly actorNote?: string | undefined;
  readonly reason: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** An audit append lost to another append this many times running is reported, not retried. */
const AUDIT_APPEND_ATTEMPTS = 5;

const BATCH_WRITE_LIMIT = 25;

type WriteRequest =
  | { readonly PutRequest: { readonly Item: Record<string, unknown> } }
  | { readonly DeleteRequest: { readonly Key: Record<string, unknown> } };

/** A version whose content `gc` deleted. */
export interface CollectedVersion {
  readonly version: number;
  /** It was staged and stale, not abandoned by its publish. */
  readonly wasStaged: boolean;
  readonly items: number;
}

/**
 * The admin side of the rules table: publish, roll back, revoke, collect debris, and read versions
 * and the audit trail. Every version it publishes and every audit entry it appends is signed by
 * `signer`.
 */
export class RuleStore extends VersionReader {
  /** Writes go through the document client: items in, items out, no attribute-value plumbing. */
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    tableName: string,
    private readonly signer: Signer,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super(client, tableName);
    this.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }

  /**
   * Publishes a rule set as a new version: content first, then staged metadata, then one
   * transaction that moves the pointer (only from the expected version), marks the version
   * published and appends the audit entry. A loser of a race leaves an abandoned version that
   * nothing ever serves.
   */
  async publish(input: unknown, change: Change): Promise<Result<VersionMeta, StoreRefusal>> {
    const badNote = noteRefusal(change);
    if (badNote) return err(badNote);
    const pastLimits = limitProblems(input);
    if (pastLimits.length > 0) return err(unservable(pastLimits, "is past the limits"));
    const validated = validateForPublish(input);
    if (!validated.ok) {
      return err({
        kind: "invalid-rules",
        problems: validated.error,
        message: `the rule set has ${validated.error.length} problem(s)`,
      });
    }
    const ruleSet = validated.value;
    const empty = change.allowRemovals ? [] : removalProblems(undefined, ruleSet);
    if (empty.length > 0) return err(unservable(empty, "has no rules"));
    const active = await this.activePointer();
    const expected =
      change.expectVersion === undefined ? (active?.version ?? null) : change.expectVersion;
    const checksum = ruleSetChecksum(ruleSet);
    const unchanged = await this.unchangedFrom(active, checksum);
    if (unchanged) return err(unchanged);

    const version = await this.reserveVersion();
    // Signed before anything is written: a signer that fails leaves only an unused number.
    const meta: VersionMeta = await signVersion(this.signer, {
      version,
      status: "staged",
      actor: change.actor,
      actorNote: change.actorNote,
      message: change.message ?? "",
      createdAt: this.clock().toISOString(),
      ruleCount: ruleSet.rules.length,
      procedureCount: ruleSet.procedures.length,
      checksum,
    });
    const staged = await this.stage(meta, ruleSet);
    if (!staged.ok) return err(staged.error);
    const moved = await this.movePointer("publish", expected, version, change);
    if (moved.ok) return ok({ ...meta, status: "published", publishedAt: moved.value });
    await this.markAbandoned(version);
    return err(moved.error);
  }

  /** The audit trail, newest first. */
  async audit(): Promise<AuditEntry[]> {
    return (await this.queryAll(keys.audit, false))
      .map((item) => withoutKeys<AuditEntry>(item))
      .sort((a, b) => (b.sequence ?? 0) - (a.sequence ?? 0));
  }

  /** Checks the audit trail's hash chain and signatures against the head the table keeps. */
  async verifyAudit(verify: Verifier): Promise<ChainCheck> {
    const [entries, head] = await Promise.all([this.audit(), this.auditHead()]);
    return checkAuditChain(entries, head, verify);
  }

  /**
   * Marks a published version never to be served again, even pinned, and appends the audit entry,
   * in one transaction. The active version cannot be revoked: roll back from it first.
   */
  async revoke(version: number, revoke: Revoke): Promise<Result<VersionMeta, StoreRefusal>> {
    const badNote = noteRefusal(revoke);
    if (badNote) return err(badNote);
    const published = await this.publishedMeta(version);
    if (!published.ok) return published;
    const meta = published.value;
    if (meta.revoked)
      return err({ kind: "revoked", version, message: `version ${version} is already revoked` });
    const at = this.clock().toISOString();
    const revoked = { at, actor: revoke.actor, reason: revoke.reason };
    const appended = await this.appendAudit(
      {
        action: "revoke",
        actor: revoke.actor,
        actorNote: revoke.actorNote,
        at,
        fromVersion: null,
        toVersion: version,
        message: revoke.reason,
      },
      [
        {
          Update: {
            TableName: this.tableName,
            Key: { pk: keys.versions, sk: keys.version(version) },
            UpdateExpression: "SET revoked = :revoked",
            ConditionExpression: "#status = :published AND attribute_not_exists(revoked)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":revoked": revoked, ":published": "published" },
          },
        },
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: { pk: keys.pointer, sk: keys.active },
            ConditionExpression: "attribute_not_exists(version) OR version <> :version",
            ExpressionAttributeValues: { ":version": version },
          },
        },
      ],
    );
    if (appended.ok) return ok({ ...meta, revoked });
    const active = (await this.activePointer())?.version;
    return err({
      kind: active === version ? "already-active" : "revoked",
      version,
      message:
        active === version
          ? `version ${version} is active; roll back from it before revoking it`
          : `version ${version} was revoked or changed meanwhile; nothing was written`,
    });
  }

  async auditHead(): Promise<AuditHead | undefined> {
    const item = await this.getItem(keys.pointer, keys.auditHead);
    return item && { sequence: Number(item.sequence), hash: String(item.hash) };
  }

  /**
   * Writes `items` and the next audit entry in one transaction. Appends are serialized on the
   * chain's head: when only the head moved (another admin's entry came first), the entry is
   * chained again after it; when one of `items` fails its condition, nothing is written.
   */
  private async appendAudit(
    record: AuditRecord,
    items: readonly TransactItem[],
  ): Promise<Result<void, "refused">> {
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.auditHead();
      const entry = await chainEntry(this.signer, record, head);
      try {
        await this.documents.send(
          new TransactWriteCommand({
            TransactItems: [
              ...items,
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    pk: keys.audit,
                    sk: keys.auditEntry(record.at, record.toVersion, randomUUID()),
                    ...entry,
                  },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    pk: keys.pointer,
                    sk: keys.auditHead,
                    sequence: entry.sequence,
                    hash: entry.hash,
                  },
                  ...(head
                    ? {
                        ConditionExpression: "#sequence = :sequence",
                        ExpressionAttributeNames: { "#sequence": "sequence" },
                        ExpressionAttributeValues: { ":sequence": head.sequence },
                      }
                    : { ConditionExpression: "attribute_not_exists(pk)" }),
                },
              },
            ],
          }),
        );
        return ok(undefined);
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const itemsFailed = reasons
          .slice(0, items.length)
          .some((reason) => reason.Code === "ConditionalCheckFailed");
        if (itemsFailed || attempt >= AUDIT_APPEND_ATTEMPTS) return err("refused");
      }
    }
  }

  /** Points the active pointer back at an earlier published version, if the active one is as expected. */
  async rollback(version: number, change: Change): Promise<Result<VersionMeta, StoreRefusal>> {
    const badNote = noteRefusal(change);
    if (badNote) return err(badNote);
    const published = await this.publishedMeta(version);
    if (!published.ok) return published;
    const meta = published.value;
    if (meta.revoked)
      return err({
        kind: "revoked",
        version,
        message: `version ${version} is revoked (${meta.revoked.reason}); it is never served again`,
      });
    const tooLarge = overLimits(meta);
    if (tooLarge) {
      return err({
        kind: "unservable",
        problems: [{ field: "(rule set)", message: tooLarge }],
        message: `version ${version} cannot be served: ${tooLarge}`,
      });
    }
    const tampered = await this.tamperedWith(meta);
    if (tampered) return err({ kind: "tampered", version, message: tampered });
    const active = await this.activePointer();
    if (active?.version === version)
      return err({
        kind: "already-active",
        version,
        message: `version ${version} is already active`,
      });
    const expected =
      change.expectVersion === undefined ? (active?.version ?? null) : change.expectVersion;
    const moved = await this.movePointer("rollback", expected, version, change);
    return moved.ok ? ok(meta) : err(moved.error);
  }

  /** A version's metadata, if it is a published version (revoked or not). */
  private async publishedMeta(version: number): Promise<Result<VersionMeta, StoreRefusal>> {
    const meta = await this.versionMeta(version);
    if (meta?.status === "published") return ok(meta);
    return err({
      kind: "version-not-found",
      version,
      message: `version ${version} is not a published version`,
    });
  }

  /** Why a stored version must not be made active again, if it was changed outside publish. */
  private async tamperedWith(meta: VersionMeta): Promise<string | undefined> {
    const { version } = meta;
    const content = await this.versionContent(version);
    const verify = verifierFor(await this.signer.publicKey());
    if (ruleSetChecksum(content) !== meta.checksum)
      return `version ${version} as stored does not match its checksum; it is never served`;
    if (!versionSignatureHolds(verify, meta))
      return `version ${version} as stored fails its signature (changed outside publish, or never signed); it is never served`;
    return undefined;
  }

  private async unchangedFrom(
    active: ActivePointer | undefined,
    checksum: string,
  ): Promise<StoreRefusal | undefined> {
    if (!active) return undefined;
    const meta = await this.versionMeta(active.version);
    if (meta?.checksum !== checksum) return undefined;
    return {
      kind: "unchanged",
      version: active.version,
      message: `the rule set is identical to active version ${active.version}; nothing to publish`,
    };
  }

  /**
   * Writes the content and the staged metadata, then reads the version back and checks it as the
   * function would, within SERVABLE_BUDGET_MS. A write that fails part way, or a version that does
   * not pass, is marked abandoned (never served; `gc` deletes its items) and the refusal says so.
   */
  private async stage(meta: VersionMeta, ruleSet: RuleSet): Promise<Result<void, StoreRefusal>> {
    const { version } = meta;
    try {
      await this.writeContent(version, ruleSet);
    } catch (error) {
      await this.putMeta({ ...meta, status: "abandoned" }).catch(() => undefined);
      return err(abandoned(version, `writing its content failed (${oneLine(error)})`));
    }
    await this.putMeta(meta);
    const started = performance.now();
    let proof: Result<RuleSet, string>;
    try {
      const content = await this.versionContent(version, AbortSignal.timeout(SERVABLE_BUDGET_MS));
      proof = verifyStoredVersion(meta, content);
    } catch (error) {
      proof = err(`reading it back failed (${oneLine(error)})`);
    }
    const tookMs = Math.round(performance.now() - started);
    if (proof.ok && tookMs > SERVABLE_BUDGET_MS)
      proof = err(
        `reading and checking it took ${tookMs} ms, over the budget of ${SERVABLE_BUDGET_MS} ms`,
      );
    if (proof.ok) return ok(undefined);
    await this.markAbandoned(version);
    return err(abandoned(version, `as stored it cannot be served: ${proof.error}`));
  }

  private async putMeta(meta: VersionMeta): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: keys.versions, sk: keys.version(meta.version), ...meta },
      }),
    );
  }

  private async reserveVersion(): Promise<number> {
    const { Attributes } = await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: keys.pointer, sk: keys.counter },
        UpdateExpression: "ADD lastVersion :one",
        ExpressionAttributeValues: { ":one": 1 },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return Number(Attributes?.lastVersion);
  }

  private async writeContent(version: number, ruleSet: RuleSet): Promise<void> {
    await this.writeBatches(
      contentItems(version, ruleSet).map((Item) => ({ PutRequest: { Item } })),
    );
  }

  /** Batches of 25 puts or deletes, unprocessed ones retried with backoff. */
  private async writeBatches(requests: readonly WriteRequest[]): Promise<void> {
    for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
      let pending = requests.slice(start, start + BATCH_WRITE_LIMIT);
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt > 0) await sleep(Math.min(1_000, 50 * 2 ** attempt));
        const { UnprocessedItems } = await this.documents.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = (UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
      }
    }
  }

  /**
   * Deletes the content items of abandoned versions, and of versions staged longer ago than
   * `staleAfterMs` (a publish that died before it could mark its version), which are marked
   * abandoned first. Metadata, the pointer and the audit trail are never deleted: each collected
   * version's metadata records when its content went.
   */
  async collectGarbage(staleAfterMs: number): Promise<CollectedVersion[]> {
    const now = this.clock();
    const debris = (await this.listVersions()).filter(
      (meta) =>
        meta.contentDeletedAt === undefined &&
        (meta.status === "abandoned" ||
          (meta.status === "staged" && now.getTime() - Date.parse(meta.createdAt) > staleAfterMs)),
    );
    const collected: CollectedVersion[] = [];
    for (const meta of debris) {
      if (meta.status === "staged") {
        // Abandoned is final; a staged one may have been published meanwhile, so read it again.
        await this.markAbandoned(meta.version);
        const current = await this.versionMeta(meta.version);
        if (current?.status !== "abandoned") continue;
      }
      const items = await this.queryAll(keys.content(meta.version), true);
      await this.writeBatches(items.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })));
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.versions, sk: keys.version(meta.version) },
          UpdateExpression: "SET contentDeletedAt = :at",
          ConditionExpression: "#status = :abandoned",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":at": now.toISOString(), ":abandoned": "abandoned" },
        }),
      );
      collected.push({
        version: meta.version,
        wasStaged: meta.status === "staged",
        items: items.length,
      });
    }
    return collected;
  }

  private async movePointer(
    action: "publish" | "rollback",
    expected: number | null,
    version: number,
    change: Change,
  ): Promise<Result<string, StoreRefusal>> {
    const at = this.clock().toISOString();
    const record: AuditRecord = {
      action,
      actor: change.actor,
      actorNote: change.actorNote,
      at,
      fromVersion: expected,
      toVersion: version,
      message: change.message ?? "",
      ...(change.allowPastChanges && { allowedPastChanges: true }),
    };
    const pointerCondition =
      expected === null
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "version = :expected",
            ExpressionAttributeValues: { ":expected": expected },
          };
    const versionUpdate: TransactItem =
      action === "publish"
        ? {
            Update: {
              TableName: this.tableName,
              Key: { pk: keys.versions, sk: keys.version(version) },
              UpdateExpression: "SET #status = :published, publishedAt = :at",
              ConditionExpression: "#status = :staged",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: {
                ":published": "published",
                ":staged": "staged",
                ":at": at,
              },
            },
          }
        : {
            ConditionCheck: {
              TableName: this.tableName,
              Key: { pk: keys.versions, sk: keys.version(version) },
              // A version revoked meanwhile is never made active again.
              ConditionExpression: "#status = :published AND attribute_not_exists(revoked)",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: { ":published": "published" },
            },
          };
    const appended = await this.appendAudit(record, [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: keys.pointer,
            sk: keys.active,
            version,
            updatedAt: at,
            actor: change.actor,
            actorNote: change.actorNote,
          },
          ...pointerCondition,
        },
      },
      versionUpdate,
    ]);
    if (appended.ok) return ok(at);
    const active = (await this.activePointer())?.version ?? null;
    const describe = (v: number | null) => (v === null ? "no active version" : `version ${v}`);
    return err({
      kind: "conflict",
      expected,
      active,
      message: `expected ${describe(expected)} to be active, but ${describe(active)} is; ${action} of version ${version} refused`,
    });
  }

  private async markAbandoned(version: number): Promise<void> {
    await this.documents
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.versions, sk: keys.version(version) },
          UpdateExpression: "SET #status = :abandoned",
          ConditionExpression: "#status = :staged",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":abandoned": "abandoned", ":staged": "staged" },
        }),
      )
      .catch(() => undefined); // a staged version is never served either; marking it is only for people
  }
}

/**
 * What the admin wrote about a change, refused before anything is read or written when it cannot
 * be kept. The CLI asks it too, so that a dry run says what the publish would.
 */
export const noteRefusal = (notes: ChangeNotes): StoreRefusal | undefined => {
  const problem = changeNoteProblem(notes);
  return (
    problem && {
      kind: "invalid-note",
      ...problem,
      message: `${problem.message}; nothing was written`,
    }
  );
};

const unservable = (problems: readonly RuleProblem[], what: string): StoreRefusal => ({
  kind: "unservable",
  problems,
  message: `the rule set ${what}: the function could not serve it; nothing was written`,
});

const abandoned = (version: number, why: string): StoreRefusal => ({
  kind: "abandoned",
  version,
  message: `publish of version ${version} failed: ${why}; version ${version} is marked abandoned and never served (code-rules gc deletes its items)`,
});

/** An error's name and the first line of its message, for an admin's one-line refusal. */
const oneLine = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
