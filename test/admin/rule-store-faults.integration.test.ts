import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { RuleStore } from "../../admin/rule-store.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { keys } from "../../store/table-items.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { storeOptions } from "../support/signing.js";
import { client, publishOrThrow, SETUP, store, storeOnFreshTable, table } from "./support.js";

storeOnFreshTable();

/** Alex, publishing over the active version on his own: break glass, as these tests' setup. */
const ALEX_ALONE = { actor: "alex", authority: SETUP, allowPastChanges: true } as const;

/** A store whose client runs `before` once, just before its first write of `command`. */
const storeWritingFirst = (command: string, before: () => Promise<unknown>) => {
  const racing = createDynamoClient();
  let done = false;
  racing.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === command && !done) {
        done = true;
        await before();
      }
      return next(args);
    },
    { step: "initialize" },
  );
  return new RuleStore(racing, table, storeOptions());
};

describe("numbers written once", () => {
  it("fails a publish after the version counter was set back, and changes no published version", async () => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("second"));
    const before = await store.readVersion(1);
    await client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.pointer, sk: keys.counter },
        UpdateExpression: "SET lastVersion = :zero",
        ExpressionAttributeValues: { ":zero": 0 },
      }),
    );
    const result = await store.publish(withChangedText("third"), ALEX_ALONE);
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "tampered",
        message:
          "version 1 exists already: the version counter was set back outside code-rules; publish refused, and no version was changed",
      },
    });
    expect(await store.readVersion(1)).toEqual(before);
    expect((await store.activePointer())?.version).toBe(2);
  });
});

describe("a move whose version changed while it was made", () => {
  it("says a rollback's version was revoked meanwhile, and nothing went live", async () => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("second"));
    await publishOrThrow(withChangedText("third"));
    const racing = storeWritingFirst("TransactWriteItemsCommand", () =>
      store.revoke(1, { actor: "dana", reason: "wrong band" }),
    );
    const result = await racing.rollback(1, {
      actor: "carol",
      authority: SETUP,
      allowPastChanges: true,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "version-changed",
        message: "version 1 was revoked or changed meanwhile; rollback refused; nothing went live",
      },
    });
    expect((await store.activePointer())?.version).toBe(3);
  });

  it("says a publish's staged version was abandoned meanwhile, and nothing went live", async () => {
    await publishOrThrow(editableShippedRules());
    const racing = storeWritingFirst("TransactWriteItemsCommand", () =>
      client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: keys.versions }, sk: { S: keys.version(2) } },
          UpdateExpression: "SET #status = :abandoned",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":abandoned": { S: "abandoned" } },
        }),
      ),
    );
    const result = await racing.publish(withChangedText("second"), ALEX_ALONE);
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "version-changed",
        message:
          "version 2 was marked abandoned meanwhile (code-rules gc took it for a dead publish); publish refused; nothing went live",
      },
    });
    expect((await store.activePointer())?.version).toBe(1);
  });
});

describe("a publish that fails part way", () => {
  it("says the version stays staged when marking it abandoned fails too, and list --all shows it", async () => {
    await publishOrThrow(editableShippedRules());
    // The content write fails, and so does every update after the version counter's.
    const failing = createDynamoClient();
    let updates = 0;
    failing.middlewareStack.add(
      (next, context) => async (args) => {
        const { commandName } = context;
        if (commandName === "UpdateItemCommand") updates += 1;
        if (
          commandName === "BatchWriteItemCommand" ||
          (commandName === "UpdateItemCommand" && updates > 1)
        )
          throw Object.assign(new Error("Service unavailable"), { name: "ServiceUnavailable" });
        return next(args);
      },
      { step: "initialize" },
    );
    const result = await new RuleStore(failing, table, storeOptions()).publish(
      withChangedText("second"),
      ALEX_ALONE,
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "abandoned",
        message:
          "publish of version 2 failed: writing its content failed (ServiceUnavailable: Service unavailable); marking it abandoned failed too, so version 2 stays staged: it is never served, and code-rules gc collects it once it is stale",
      },
    });
    expect((await store.listVersions()).map((v) => [v.version, v.status])).toEqual([
      [2, "staged"],
      [1, "published"],
    ]);
  });

  it("claims no mark when the store stops answering: the mark could not be confirmed", async () => {
    await publishOrThrow(editableShippedRules());
    // After the version counter's update, every write and read fails, as with the store gone.
    const failing = createDynamoClient();
    let updates = 0;
    let writing = false;
    failing.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "UpdateItemCommand") updates += 1;
        if (context.commandName === "BatchWriteItemCommand") writing = true;
        if (writing || updates > 1)
          throw Object.assign(new Error("connect ECONNREFUSED"), { name: "Error" });
        return next(args);
      },
      { step: "initialize" },
    );
    const result = await new RuleStore(failing, table, storeOptions()).publish(
      withChangedText("second"),
      ALEX_ALONE,
    );
    expect(!result.ok && result.error.message).toContain(
      "marking it abandoned could not be confirmed (the store did not answer): version 2 is never served either way",
    );
    expect((await store.listVersions()).map((v) => [v.version, v.status])).toEqual([
      [2, "staged"],
      [1, "published"],
    ]);
  });
});
