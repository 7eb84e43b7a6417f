import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
} from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { RuleSetContent } from "../core/rule-set.js";
import { fromChunkItems, MAX_CHUNKS } from "./content-chunks.js";
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
  /** Why its compressed copy could not be decoded, if it could not. */
  readonly unreadable?: string | undefined;
  /** The checksum of the text its content was parsed from, when it was: checked in place of writing the content out again. */
  readonly checksum?: string | undefined;
}

/** A version's metadata and its items as read, as one stored version. */
export const storedVersion = (
  meta: VersionMeta,
  { procedures, rules, unknownItems, unreadable, checksum }: StoredContent,
): StoredVersion => ({ meta, content: { procedures, rules }, unknownItems, unreadable, checksum });

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
   * A version's content as the function reads it: its compressed copy, one Query however large the
   * version; or, for a version published before versions had one, its rows. Either is checked
   * alike (store/version-check.ts) before anything is served or built on.
   */
  async versionContent(
    version: number,
    abortSignal?: AbortSignal,
    atMost?: number,
  ): Promise<StoredContent> {
    const chunks = await this.chunks(version, abortSignal);
    if (chunks.length > 0) return fromChunkItems(chunks);
    return this.rowContent(version, abortSignal, atMost);
  }

  /**
   * Every form a version's content is stored in, for the admin side to check each: its compressed
   * copy, when it has one, then its rows. A row rewritten by hand is then shown even while the
   * copy the function serves is intact, and a version is built on only when both hold.
   */
  async storedForms(
    version: number,
    abortSignal?: AbortSignal,
    atMost?: number,
  ): Promise<StoredContent[]> {
    const chunks = await this.chunks(version, abortSignal);
    const rows = await this.rowContent(
      version,
      abortSignal,
      atMost === undefined ? undefined : atMost + chunks.length,
    );
    return chunks.length > 0 ? [fromChunkItems(chunks), rows] : [rows];
  }

  /** A version's chunk items in key order, reading no more than one past the most a version has. */
  private chunks(version: number, abortSignal?: AbortSignal): Promise<Record<string, unknown>[]> {
    return this.query(keys.content(version), {
      prefix: keys.chunkPrefix,
      abortSignal,
      atMost: MAX_CHUNKS,
    });
  }

  /**
   * A version's rows, reading no more than one past `atMost` (its signed item count, and its chunks
   * if it has them): items added to a partition by another hand cost one item's read to detect,
   * never a read of all of them.
   */
  async rowContent(
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
  queryAll(
    pk: string,
    forward: boolean,
    abortSignal?: AbortSignal,
    atMost?: number,
  ): Promise<Record<string, unknown>[]> {
    return this.query(pk, { forward, abortSignal, atMost });
  }

  /** The items of a partition (whose sort keys begin with `prefix`), no more than one past `atMost`. */
  private async query(
    pk: string,
    { forward = true, prefix, abortSignal, atMost }: QueryOptions,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression:
            prefix === undefined ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: {
            ":pk": { S: pk },
            ...(prefix !== undefined && { ":prefix": { S: prefix } }),
          },
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

interface QueryOptions {
  readonly forward?: boolean | undefined;
  readonly prefix?: string | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  readonly atMost?: number | undefined;
}

/** An item without its table keys: what the item stores. */
export const withoutKeys = <T>({ pk: _, sk: __, ...rest }: Record<string, unknown>): T => rest as T;
