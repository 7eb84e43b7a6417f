import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { keys } from "../../store/table-items.js";
import { VersionReader } from "../../store/version-reader.js";
import { largeRuleSet } from "../../support/large-rule-sets.js";
import { dropCompressedCopy, editItem, storedChunks } from "../store/stored-copies.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { dynamoClient } from "../support/tables.js";
import {
  client,
  events,
  freshTableEachTest,
  loadersTimedBy,
  publish,
  tableName,
} from "./rule-loader-support.js";

/*
 * A version's content is kept twice: as rows, one per rule and procedure, and as a compressed
 * copy of a few chunks (store/content-chunks.ts). The loader reads the copy, in one Query however
 * large the version, and the rows only of a version that has no copy (one published before copies
 * were written). Both are checked alike.
 */

let clock: number;
const loaderFor = loadersTimedBy(() => clock);

freshTableEachTest();
beforeEach(() => {
  clock = 0;
});

/** Every Query a client sends, by the key condition it asks: the round trips a load costs. */
const countingQueries = (): { client: DynamoDBClient; queries: string[] } => {
  const counted = dynamoClient();
  const queries: string[] = [];
  counted.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "QueryCommand") {
        const input = args.input as {
          KeyConditionExpression?: string;
          ExpressionAttributeValues?: Record<string, { S?: string }>;
        };
        const pk = input.ExpressionAttributeValues?.[":pk"]?.S ?? "";
        const chunks = input.KeyConditionExpression?.includes("begins_with") ? " chunks" : "";
        queries.push(`${pk}${chunks}`);
      }
      return next(args);
    },
    { step: "initialize" },
  );
  return { client: counted, queries };
};

const loadCounted = async () => {
  const counted = countingQueries();
  const loaded = await loaderFor(5, new VersionReader(counted.client, tableName)).load();
  counted.client.destroy();
  return { loaded, queries: counted.queries };
};

describe("RuleLoader over a version's compressed copy", () => {
  it.each([
    ["the shipped rules", editableShippedRules()],
    ["1,000 generated rules", largeRuleSet(1_000)],
  ])(
    "serves a version published now from its compressed copy, one Query for its content: %s",
    async (_, input) => {
      await publish(input);
      const { loaded, queries } = await loadCounted();
      expect(loaded).toMatchObject({ ok: true, value: { version: 1, stale: false } });
      if (!loaded.ok) return;
      expect(loaded.value.ruleSet.rules).toHaveLength(input.rules.length);
      // The version list, then the copy: no row is read.
      expect(queries).toEqual([keys.versions, `${keys.content(1)} chunks`]);
      const [chunk] = await storedChunks(client, tableName, 1);
      expect(chunk).toMatchObject({ kind: "chunk", encoding: "gzip", part: 0, parts: 1 });
    },
  );

  it("serves a version published before compressed copies from its rows", async () => {
    await publish(editableShippedRules());
    await dropCompressedCopy(client, tableName, 1);
    const { loaded, queries } = await loadCounted();
    expect(loaded).toMatchObject({ ok: true, value: { version: 1, stale: false } });
    if (!loaded.ok) return;
    expect(loaded.value.ruleSet.rules).toHaveLength(editableShippedRules().rules.length);
    // The copy is looked for, found missing, and the rows are read: one page at this size.
    expect(queries).toEqual([keys.versions, `${keys.content(1)} chunks`, keys.content(1)]);
  });

  it.each([
    [
      "whose bytes were changed",
      (data: Uint8Array) => Uint8Array.from(data, (byte, at) => (at === 20 ? byte ^ 0xff : byte)),
      /^rule version 1 refused: its compressed copy cannot be read: /,
    ],
    [
      "cut short",
      (data: Uint8Array) => data.subarray(0, data.length - 9),
      "rule version 1 refused: its compressed copy cannot be read: unexpected end of file",
    ],
  ])("refuses a version whose compressed copy is %s, as tampered", async (_, change, reason) => {
    await publish(editableShippedRules());
    await editItem(client, tableName, { pk: keys.content(1), sk: keys.chunk(0) }, (item) => ({
      ...item,
      data: change(item.data as Uint8Array),
    }));
    expect(await loaderFor().load({ version: 1 })).toMatchObject({
      ok: false,
      error: { kind: "version-rejected", version: 1, message: expect.stringMatching(reason) },
    });
    expect(events).toContainEqual({
      kind: "version-rejected",
      version: 1,
      reason: expect.stringMatching(reason),
    });
  });

  it("refuses a version whose compressed copy lost or gained a chunk, never falling back to its rows", async () => {
    await publish(editableShippedRules());
    const [chunk] = await storedChunks(client, tableName, 1);
    await editItem(client, tableName, { pk: keys.content(1), sk: keys.chunk(0) }, (item) => ({
      ...item,
      parts: 2,
    }));
    expect(await loaderFor().load({ version: 1 })).toMatchObject({
      ok: false,
      error: {
        kind: "version-rejected",
        message:
          "rule version 1 refused: its compressed copy cannot be read: it holds 1 chunk(s), its first says 2",
      },
    });
    await editItem(client, tableName, { pk: keys.content(1), sk: keys.chunk(0) }, () => ({
      ...chunk,
    }));
    await editItem(client, tableName, { pk: keys.content(1), sk: keys.chunk(0) }, (item) => ({
      ...item,
      sk: keys.chunk(1),
    }));
    expect(await new VersionReader(client, tableName).versionContent(1)).toMatchObject({
      unreadable: "its compressed copy cannot be read: it holds 2 chunk(s), its first says 1",
    });
  });
});
