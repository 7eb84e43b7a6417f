import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { type Signer, type Verifier, verifierFor } from "../store/signature.js";
import { keys, type VersionMeta } from "../store/table-items.js";
import { VersionReader } from "../store/version-reader.js";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * The rules table as the admin side holds it: the reads every side makes, writes through the
 * document client (items in, items out, no attribute-value plumbing), the key that signs every
 * version and audit entry, and the clock that dates them.
 */
export class AdminTable extends VersionReader {
  readonly documents: DynamoDBDocumentClient;
  private verifying: Promise<Verifier> | undefined;

  constructor(
    client: DynamoDBClient,
    tableName: string,
    readonly signer: Signer,
    readonly clock: () => Date,
  ) {
    super(client, tableName);
    this.documents = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }

  /** Checks signatures with the signer's own public key, fetched once. */
  verifier(): Promise<Verifier> {
    this.verifying ??= this.signer.publicKey().then(verifierFor);
    return this.verifying;
  }

  /** Sets fields of a version's metadata (`set`, an update expression's SET clause), only while it has `status`. */
  async updateVersionMeta(
    version: number,
    status: VersionMeta["status"],
    set: string,
    values: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: keys.versions, sk: keys.version(version) },
        UpdateExpression: `SET ${set}`,
        ConditionExpression: "#status = :while",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ...values, ":while": status },
      }),
    );
  }

  /** Marks a staged version abandoned: never served, and `gc` deletes its content. */
  async markAbandoned(version: number): Promise<void> {
    await this.updateVersionMeta(version, "staged", "#status = :abandoned", {
      ":abandoned": "abandoned",
    }).catch(() => undefined); // a staged version is never served either; marking it is only for people
  }
}
