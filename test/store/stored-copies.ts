import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import type { RuleSetContent } from "../../core/rule-set.js";
import { chunkItems, fromChunkItems } from "../../store/content-chunks.js";
import { keys } from "../../store/table-items.js";

/*
 * What a hand with write access to the table can do to a version's two stored forms, its rows and
 * its compressed copy (store/content-chunks.ts), for the tests of what the readers make of it.
 */

type Edit = (item: Record<string, unknown>) => Record<string, unknown>;

/** A version's chunk items as stored, in key order. */
export const storedChunks = async (client: DynamoDBClient, table: string, version: number) =>
  (
    await DynamoDBDocumentClient.from(client).send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :chunk)",
        ExpressionAttributeValues: { ":pk": keys.content(version), ":chunk": keys.chunkPrefix },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** Takes a version's compressed copy away: it is then stored as versions were before it had one. */
export const dropCompressedCopy = async (
  client: DynamoDBClient,
  table: string,
  version: number,
) => {
  for (const { sk } of await storedChunks(client, table, version))
    await client.send(
      new DeleteCommand({ TableName: table, Key: { pk: keys.content(version), sk } }),
    );
};

/** Rewrites a version's compressed copy as valid chunks of other content. */
export const rewriteCompressedCopy = async (
  client: DynamoDBClient,
  table: string,
  version: number,
  edit: (content: RuleSetContent) => RuleSetContent,
) => {
  const content = fromChunkItems(await storedChunks(client, table, version));
  if (content.unreadable) throw new Error(content.unreadable);
  await dropCompressedCopy(client, table, version);
  const chunks = chunkItems(version, edit(content));
  await DynamoDBDocumentClient.from(client).send(
    new BatchWriteCommand({
      RequestItems: { [table]: chunks.map((Item) => ({ PutRequest: { Item } })) },
    }),
  );
};

/** Changes one stored item as `edit` says. */
export const editItem = async (
  client: DynamoDBClient,
  table: string,
  key: { readonly pk: string; readonly sk: string },
  edit: Edit,
) => {
  const documents = DynamoDBDocumentClient.from(client);
  const { Item } = await documents.send(new GetCommand({ TableName: table, Key: key }));
  if (!Item) throw new Error(`no item ${key.pk} ${key.sk}`);
  await documents.send(new PutCommand({ TableName: table, Item: edit(Item) }));
};

/**
 * Changes one rule of a version in both stored forms alike, as a hand that means the change to be
 * served would: its row, and its copy inside the compressed chunks.
 */
export const editStoredRule = async (
  client: DynamoDBClient,
  table: string,
  version: number,
  ruleId: string,
  change: Record<string, unknown>,
) => {
  await editItem(client, table, { pk: keys.content(version), sk: keys.rule(ruleId) }, (item) => ({
    ...item,
    rule: { ...(item.rule as object), ...change },
  }));
  await rewriteCompressedCopy(client, table, version, (content) => ({
    ...content,
    rules: content.rules.map((rule) =>
      (rule as { id?: unknown }).id === ruleId ? { ...(rule as object), ...change } : rule,
    ),
  }));
};
