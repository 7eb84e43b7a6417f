import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { type Verifier, verifierFor } from "../store/signature.js";
import { keys, type VersionMeta } from "../store/table-items.js";
import { VersionReader } from "../store/version-reader.js";
import { type AdminMetrics, NO_ADMIN_METRICS } from "./admin-metrics.js";
import type { AuditAnchor } from "./audit-anchor.js";
import type { Signer } from "./signing/signer.js";

type VersionStatus = VersionMeta["status"];

/** What an update of a version's metadata may set: its status, and when gc deleted its content. */
type MetaUpdate = Partial<Pick<VersionMeta, "status" | "contentDeletedAt">>;

/** What a version is after an attempt to mark it abandoned. */
export type AbandonMark = "abandoned" | "staged" | "unknown";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * The rules table as the admin side holds it: the reads every side makes, writes through the
 * document client (items in, items out, no attribute-value plumbing), the key that signs every
 * version and audit entry, where copies of the audit head are kept outside it, the clock that
 * dates them, and where the alarms it raises go.
 */
export class AdminTable extends VersionReader {
  readonly documents: DynamoDBDocumentClient;
  private verifying: Promise<Verifier> | undefined;

  constructor(
    client: DynamoDBClient,
    tableName: string,
    readonly signer: Signer,
    readonly anchor: AuditAnchor,
    readonly clock: () => Date,
    readonly metrics: AdminMetrics = NO_ADMIN_METRICS,
  ) {
    super(client, tableName);
    this.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }

  /** Checks signatures with the signer's own public key, fetched once; a failed fetch is tried again next time. */
  verifier(): Promise<Verifier> {
    this.verifying ??= this.signer
      .publicKey()
      .then(verifierFor)
      .catch((error: unknown) => {
        this.verifying = undefined;
        throw error;
      });
    return this.verifying;
  }

  /** Sets fields of a version's metadata, only while its status is `from` (never a version's signed fields). */
  async updateVersionMeta(version: number, from: VersionStatus, set: MetaUpdate): Promise<void> {
    const fields = Object.entries(set);
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: keys.versions, sk: keys.version(version) },
        UpdateExpression: `SET ${fields.map(([name]) => `#${name} = :${name}`).join(", ")}`,
        ConditionExpression: "#status = :from",
        ExpressionAttributeNames: {
          "#status": "status",
          ...Object.fromEntries(fields.map(([name]) => [`#${name}`, name])),
        },
        ExpressionAttributeValues: {
          ":from": from,
          ...Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])),
        },
      }),
    );
  }

  /** The next number of a counter kept beside the items it numbers (versions, change requests): one more each call. */
  async nextNumber(partition: string, counter: "lastVersion" | "lastRequest"): Promise<number> {
    const { Attributes } = await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: partition, sk: keys.counter },
        UpdateExpression: `ADD ${counter} :one`,
        ExpressionAttributeValues: { ":one": 1 },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    return Number(Attributes?.[counter]);
  }

  /**
   * Marks a staged version abandoned: never served, and `gc` deletes its content. Answers what is
   * stored afterwards, read again when the mark failed (a write that timed out may have landed),
   * or "unknown" when even that read fails: a staged version is never served either, so a failed
   * mark is only said, and said truly.
   */
  async markAbandoned(version: number): Promise<AbandonMark> {
    try {
      await this.updateVersionMeta(version, "staged", { status: "abandoned" });
      return "abandoned";
    } catch {
      const status = await this.versionMeta(version).then(
        (meta) => meta?.status,
        () => undefined,
      );
      return status === "abandoned" || status === "staged" ? status : "unknown";
    }
  }
}
