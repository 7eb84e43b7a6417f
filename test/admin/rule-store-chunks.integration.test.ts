import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { RuleStore } from "../../admin/rule-store.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { keys } from "../../store/table-items.js";
import { VersionReader } from "../../store/version-reader.js";
import { editItem, storedChunks } from "../store/stored-copies.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { storeOptions } from "../support/signing.js";
import { client, publishOrThrow, SETUP, store, storeOnFreshTable, table } from "./support.js";

storeOnFreshTable();

type Item = Record<string, unknown>;
type Requests = Record<string, { PutRequest?: { Item?: Item } }[]>;

/**
 * A store whose batch writes pass through `spoil`, which changes items on their way to the table:
 * a version whose content was written other than publish meant, as a faulty hand or disk would.
 */
const storeSpoiling = (spoil: (item: Item) => Item) => {
  const spoiling = createDynamoClient();
  spoiling.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "BatchWriteItemCommand") return next(args);
      const input = args.input as { RequestItems: Requests };
      for (const requests of Object.values(input.RequestItems))
        for (const request of requests)
          if (request.PutRequest?.Item) request.PutRequest.Item = spoil(request.PutRequest.Item);
      return next(args);
    },
    // Before the items are serialized: what the document client was given, as plain values.
    { step: "serialize", priority: "high" },
  );
  return new RuleStore(spoiling, table, storeOptions());
};

const partitionItems = async (version: number) =>
  (await new VersionReader(client, table).queryAll(keys.content(version), true)).length;

const publishV2 = (store: RuleStore) =>
  store.publish(withChangedText("v2"), { allowPastChanges: true, authority: SETUP, actor: "bob" });

describe("RuleStore.publish with a version's compressed copy", () => {
  it("writes the rows and the compressed copy, each checked before the pointer moves", async () => {
    const rules = editableShippedRules();
    const meta = await publishOrThrow(rules);
    const chunks = await storedChunks(client, table, 1);
    expect(chunks).toEqual([
      expect.objectContaining({ sk: keys.chunk(0), kind: "chunk", part: 0, parts: 1 }),
    ]);
    expect(await partitionItems(1)).toBe(meta.ruleCount + meta.procedureCount + chunks.length);
    expect((await new VersionReader(client, table).rowContent(1, undefined, 1_000)).rules).toEqual(
      (await new VersionReader(client, table).versionContent(1)).rules,
    );
  });

  it("refuses to show or build on a version one of whose rows was rewritten by hand, though its copy is intact", async () => {
    await publishOrThrow(editableShippedRules());
    const key = { pk: keys.content(1), sk: keys.rule("ecmo-cannula-insertion-percutaneous-33951") };
    await editItem(client, table, key, (item) => ({
      ...item,
      rule: { ...(item.rule as object), code: "33952" },
    }));
    expect(await store.readPublished(1)).toMatchObject({
      ok: false,
      error: {
        kind: "tampered",
        version: 1,
        message:
          "version 1 fails verification: its content does not match its checksum; it is never served, shown or built on",
      },
    });
  });

  it.each<[string, (item: Item) => Item, string]>([
    [
      "its compressed copy",
      (item) =>
        item.kind === "chunk" ? { ...item, data: (item.data as Uint8Array).subarray(0, 30) } : item,
      "its compressed copy cannot be read: unexpected end of file",
    ],
    [
      "its compressed copy, as the same content in other text",
      (item) =>
        item.kind === "chunk"
          ? {
              ...item,
              data: gzipSync(
                JSON.stringify(JSON.parse(gunzipSync(item.data as Uint8Array).toString()), null, 1),
              ),
            }
          : item,
      "its content does not match its checksum",
    ],
    [
      "a row",
      (item) =>
        item.sk === keys.rule("ecmo-cannula-insertion-percutaneous-33951")
          ? { ...item, rule: { ...(item.rule as object), code: "33952" } }
          : item,
      "its rows: its content does not match its checksum",
    ],
  ])(
    "abandons a version when %s is written wrong, and gc then leaves nothing of it",
    async (_, spoil, why) => {
      await publishOrThrow(editableShippedRules());
      expect(await publishV2(storeSpoiling(spoil))).toMatchObject({
        ok: false,
        error: {
          kind: "abandoned",
          version: 2,
          message: `publish of version 2 failed: as stored it cannot be served: ${why}; version 2 is marked abandoned and never served (code-rules gc deletes its items)`,
        },
      });
      const written = await partitionItems(2);
      expect(await storedChunks(client, table, 2)).toHaveLength(1);

      expect(await store.collectGarbage(0)).toEqual([
        { version: 2, wasStaged: false, items: written },
      ]);
      expect(await partitionItems(2)).toBe(0);
      expect((await store.activePointer())?.version).toBe(1);
      expect(await partitionItems(1)).toBeGreaterThan(0);
    },
  );
});
