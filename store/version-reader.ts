import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
} from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { RuleSetContent } from "../core/rule-set.js";
import {
  type ActivePointer,
  fromContentItems,
  keys,
  type StoredContent,
  signedItemCount,
  type VersionMeta,
} from "./table-items.js";

/** How long the function lets one read of the store take; publish's read-back gets twice as long. */
export const READ_TIMEOUT_MS = 1_000;

/** A version as read: unchecked until store/version-check.ts has checked it. */
export interface StoredVersion {
  readonly meta: VersionMeta;
  readonly content: RuleSetContent;
  /** Items in its partition that are neither rules nor procedures: none, unless added by hand. */
  readonly unknownItems: number;
}

/** A version's metadata and its items as read, as one stored version. */
export const storedVersion = (
  meta: VersionMeta,
  { procedures, rules, unknownItems }: StoredContent,
): StoredVersion => ({ meta, content: { procedures, rules }, unknownItems });

/**
 * Reads of the rules table; every read is strongly consistent and can be cut short by a signal.
 *
 * The function's only DynamoDB code, so it uses the plain client and util-dynamodb's `unmarshall`:
 * the document client would add its marshalling middleware to every cold start for two reads.
 */
export class VersionReader {
  constructor(
    protected readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {}

  async activePointer(abortSignal?: AbortSignal): Promise<ActivePointer | undefined> {
    const item = await this.getItem(keys.pointer, keys.active, abortSignal);
    return item && withoutKeys<ActivePointer>(item);
  }

  async versionMeta(version: number, abortSignal?: AbortSignal): Promise<VersionMeta | undefined> {
    const item = await this.getItem(keys.versions, keys.version(version), abortSignal);
    return item && withoutKeys<VersionMeta>(item);
  }

  /** Every version, newest first, abandoned and staged ones included: one Query, however many. */
  async listVersions(abortSignal?: AbortSignal): Promise<VersionMeta[]> {
    return (await this.queryAll(keys.versions, false, abortSignal)).map((item) =>
      withoutKeys<VersionMeta>(item),
    );
  }

  /**
   * A version's items, reading no more than one past `atMost` (its signed item count): items added
   * to a partition by another hand cost one item's read to detect, never a read of all of them.
   */
  async versionContent(
    version: number,
    abortSignal?: AbortSignal,
    atMost?: number,
  ): Promise<StoredContent> {
    return fromContentItems(await this.queryAll(keys.content(version), true, abortSignal, atMost));
  }

  async readVersion(
    version: number,
    abortSignal?: AbortSignal,
  ): Promise<StoredVersion | undefined> {
    const meta = await this.versionMeta(version, abortSignal);
    if (!meta) return undefined;
    return storedVersion(
      meta,
      await this.versionContent(version, abortSignal, signedItemCount(meta)),
    );
  }

  async getItem(
    pk: string,
    sk: string,
    abortSignal?: AbortSignal,
  ): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: pk }, sk: { S: sk } },
        ConsistentRead: true,
      }),
      { abortSignal },
    );
    return Item && unmarshall(Item);
  }

  /** Every item of a partition, or, with `atMost`, no more than one past it. */
  async queryAll(
    pk: string,
    forward: boolean,
    abortSignal?: AbortSignal,
    atMost?: number,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: pk } },
          ScanIndexForward: forward,
          ConsistentRead: true,
          ExclusiveStartKey,
          ...(atMost !== undefined && { Limit: atMost + 1 - items.length }),
        }),
        { abortSignal },
      );
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && (atMost === undefined || items.length <= atMost));
    return items;
  }
}

/** An item without its table keys: what the item stores. */
export const withoutKeys = <T>({ pk: _, sk: __, ...rest }: Record<string, unknown>): T => rest as T;
