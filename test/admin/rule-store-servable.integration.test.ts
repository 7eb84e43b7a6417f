import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { RuleStore } from "../../admin/rule-store.js";
import { RULE_SET_LIMITS } from "../../core/limits.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { contentItems, keys } from "../../store/table-items.js";
import { largeRuleSet } from "../../support/large-rule-sets.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { storeOptions } from "../support/signing.js";
import { dynamoClient, freshTable } from "../support/tables.js";
import { SETUP } from "./support.js";

const client = dynamoClient();
const documents = DynamoDBDocumentClient.from(client);
let tableName: string;
let store: RuleStore;

beforeEach(async () => {
  tableName = await freshTable();
  store = new RuleStore(client, tableName, storeOptions());
});

const itemCount = async (table = tableName) =>
  (await client.send(new ScanCommand({ TableName: table, Select: "COUNT" }))).Count;

/**
 * Publishes v2 over the shipped rules through a client whose `failAt`-th call of `command` throws
 * `name: message`, and checks that the version is abandoned with `why` and the pointer stays.
 */
const expectAbandonedWhen = async (
  command: string,
  failAt: number,
  [name, message]: readonly [string, string],
  why: string,
) => {
  expect(
    (
      await store.publish(editableShippedRules(), {
        allowPastChanges: true,
        authority: SETUP,
        actor: "alice",
      })
    ).ok,
  ).toBe(true);
  const failing = createDynamoClient();
  let calls = 0;
  failing.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === command && ++calls === failAt)
        throw Object.assign(new Error(message), { name });
      return next(args);
    },
    { step: "initialize" },
  );
  const result = await new RuleStore(failing, tableName, storeOptions()).publish(
    withChangedText("v2"),
    {
      allowPastChanges: true,
      authority: SETUP,
      actor: "bob",
    },
  );
  expect(result).toMatchObject({
    ok: false,
    error: {
      kind: "abandoned",
      version: 2,
      message: `publish of version 2 failed: ${why}; version 2 is marked abandoned and never served (code-rules gc deletes its items)`,
    },
  });
  expect((await store.versionMeta(2))?.status).toBe("abandoned");
  expect((await store.activePointer())?.version).toBe(1);
};

describe("RuleStore.publish refuses what the function could not serve", () => {
  it("refuses a 20,000-rule set before anything is written, naming the limit", async () => {
    const result = await store.publish(largeRuleSet(20_000), {
      allowPastChanges: true,
      actor: "mallory",
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "unservable",
        message:
          "the rule set is past the limits: the function could not serve it; nothing was written",
        problems: expect.arrayContaining([
          {
            field: "rules",
            message: `the rule set has 20000 rules, over the limit of ${RULE_SET_LIMITS.rules} rules per version`,
          },
        ]),
      },
    });
    expect(await itemCount()).toBe(0); // not even the version counter moved
  });

  it("names the rule and the field that make an item too large", async () => {
    const bloated = editableShippedRules();
    const [first] = bloated.rules;
    if (!first) throw new Error("no rule");
    first.notes = "x".repeat(RULE_SET_LIMITS.itemBytes);
    const result = await store.publish(bloated, { allowPastChanges: true, actor: "mallory" });
    expect(result.ok || result.error).toMatchObject({
      kind: "unservable",
      problems: [
        {
          ruleId: first.id,
          field: "notes",
          message: expect.stringMatching(
            /^the rule is \d+ bytes as JSON, over the limit of 8192 bytes per item \(its largest field, notes, is 8194 bytes\)$/,
          ),
        },
      ],
    });
    expect(await itemCount()).toBe(0);
  });

  it("refuses an empty rule set, writing nothing, unless removals are allowed", async () => {
    expect(
      await store.publish(
        { procedures: [], rules: [] },
        { allowPastChanges: true, actor: "careless" },
      ),
    ).toMatchObject({
      ok: false,
      error: { kind: "unservable", problems: [{ field: "rules" }] },
    });
    expect(await itemCount()).toBe(0);
    // Over an empty table one admin's leave is enough: no answer was ever given.
    expect(
      await store.publish(
        { procedures: [], rules: [] },
        { allowPastChanges: true, actor: "admin", allowRemovals: true },
      ),
    ).toMatchObject({ ok: true, value: { version: 1, ruleCount: 0 } });
  });

  it("marks a version whose content write fails part way abandoned, says so, and never moves the pointer", async () => {
    await expectAbandonedWhen(
      "BatchWriteItemCommand",
      2,
      ["ValidationException", "Item size has exceeded the maximum allowed size"],
      "writing its content failed (ValidationException: Item size has exceeded the maximum allowed size)",
    );
  });
});

describe("RuleStore.rollback refuses what the function could not serve", () => {
  it("refuses to go back to a version past the limits (one published before they existed)", async () => {
    expect(
      (
        await store.publish(editableShippedRules(), {
          allowPastChanges: true,
          authority: SETUP,
          actor: "alice",
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await store.publish(withChangedText("v2"), {
          allowPastChanges: true,
          authority: SETUP,
          actor: "alice",
        })
      ).ok,
    ).toBe(true);
    const legacy = await store.versionMeta(1);
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: keys.versions, sk: keys.version(1), ...legacy, ruleCount: 6_000 },
      }),
    );
    expect(
      await store.rollback(1, { allowPastChanges: true, authority: SETUP, actor: "alice" }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: "unservable",
        message: `version 1 cannot be served: it holds 6000 rules, over the limit of ${RULE_SET_LIMITS.rules} the function serves`,
      },
    });
    expect((await store.activePointer())?.version).toBe(2);
  });
});

describe("RuleStore.publish reads a staged version back before it moves the pointer", () => {
  it("abandons a version that cannot be read back as the function reads it, and says so", async () => {
    // The first two Queries read the active version (its compressed copy, then its rows), to
    // judge the change; the third reads the new version's copy back.
    await expectAbandonedWhen(
      "QueryCommand",
      3,
      ["TimeoutError", "Connection timed out after 2000 ms"],
      "as stored it cannot be served: reading it back failed (TimeoutError: Connection timed out after 2000 ms)",
    );
  });
});

describe("RuleStore.collectGarbage", () => {
  it("deletes the content of abandoned and stale staged versions, keeping every metadata item, the pointer and the audit trail", async () => {
    expect(
      (
        await store.publish(editableShippedRules(), {
          allowPastChanges: true,
          authority: SETUP,
          actor: "alice",
        })
      ).ok,
    ).toBe(true);
    const dead = withChangedText("dead");
    // Version 2 lost a race and was abandoned; version 3 was staged two days ago by a publish that died.
    for (const [version, status] of [
      [2, "abandoned"],
      [3, "staged"],
    ] as const) {
      for (const Item of contentItems(version, dead as never))
        await documents.send(new PutCommand({ TableName: tableName, Item }));
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: keys.versions,
            sk: keys.version(version),
            version,
            status,
            actor: "carol",
            message: "",
            createdAt: "2020-01-01T00:00:00.000Z",
            ruleCount: dead.rules.length,
            procedureCount: dead.procedures.length,
            checksum: "0".repeat(64),
          },
        }),
      );
    }
    const before = await itemCount();

    const collected = await store.collectGarbage(24 * 3_600_000);
    const items = dead.rules.length + dead.procedures.length;
    expect(collected).toEqual([
      { version: 3, wasStaged: true, items },
      { version: 2, wasStaged: false, items },
    ]);
    expect(await itemCount()).toBe((before ?? 0) - 2 * items);
    expect(await store.readVersion(2)).toMatchObject({
      meta: { status: "abandoned", contentDeletedAt: expect.any(String) },
      content: { procedures: [], rules: [] },
    });
    expect((await store.versionMeta(3))?.status).toBe("abandoned");
    expect((await store.readVersion(1))?.content.rules).toHaveLength(dead.rules.length);
    expect((await store.activePointer())?.version).toBe(1);
    expect(await store.audit()).toHaveLength(1);
    expect(await store.collectGarbage(24 * 3_600_000)).toEqual([]);
  });
});
