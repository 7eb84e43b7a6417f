import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { keys } from "../../store/table-items.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { client, publishOrThrow, store, storeOnFreshTable, table } from "./support.js";

storeOnFreshTable();

/** Three published versions, the third active, the first revoked: every kind of state there is. */
const threeVersions = async () => {
  await publishOrThrow(editableShippedRules());
  await publishOrThrow(withChangedText("second"));
  await publishOrThrow(withChangedText("third"));
  const revoked = await store.revoke(1, { actor: "dana", reason: "wrong band" });
  if (!revoked.ok) throw new Error(revoked.error.message);
};

const setMeta = (version: number, expression: string, values?: Record<string, unknown>) =>
  client.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: keys.versions, sk: keys.version(version) },
      UpdateExpression: expression,
      ...(values && { ExpressionAttributeValues: values }),
      ...(expression.includes("#status") && { ExpressionAttributeNames: { "#status": "status" } }),
    }),
  );

describe("audit --verify against the table's state", () => {
  it("holds for a table as code-rules left it", async () => {
    await threeVersions();
    expect(await store.verifyAudit()).toMatchObject({ ok: true, entries: 4 });
  });

  it.each([
    [
      "the pointer moved to another version",
      () =>
        client.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: keys.pointer, sk: keys.active },
            UpdateExpression: "SET version = :two",
            ExpressionAttributeValues: { ":two": 2 },
          }),
        ),
      "the active pointer names version 2, but the trail's last move was to 3",
    ],
    [
      "a revoked version un-revoked",
      () => setMeta(1, "REMOVE revoked"),
      "versions marked revoked: none; revoked in the trail: 1",
    ],
    [
      "a staged version marked published",
      async () => {
        await client.send(
          new PutCommand({
            TableName: table,
            Item: { pk: keys.versions, sk: keys.version(9), version: 9, status: "published" },
          }),
        );
      },
      "versions marked published: 1, 2, 3, 9; published in the trail: 1, 2, 3",
    ],
    [
      "the pointer's list of revoked versions shortened",
      () =>
        client.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: keys.pointer, sk: keys.active },
            UpdateExpression: "SET revoked = :none",
            ExpressionAttributeValues: { ":none": [] },
          }),
        ),
      "the active pointer's signature fails; the active pointer lists revoked: none; revoked in the trail: 1",
    ],
    [
      "the pointer deleted",
      () =>
        client.send(
          new DeleteCommand({ TableName: table, Key: { pk: keys.pointer, sk: keys.active } }),
        ),
      "the active pointer names version none, but the trail's last move was to 3",
    ],
  ])("names the disagreement when %s", async (_, write, said) => {
    await threeVersions();
    await write();
    const check = await store.verifyAudit();
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(said);
  });

  it("names an earlier signed pointer put back: its signature holds, but it names an earlier audit entry", async () => {
    await publishOrThrow(editableShippedRules());
    const pointerKey = { pk: keys.pointer, sk: keys.active };
    const first = await client.send(new GetCommand({ TableName: table, Key: pointerKey }));
    await publishOrThrow(withChangedText("second"));
    await client.send(new PutCommand({ TableName: table, Item: first.Item }));
    const check = await store.verifyAudit();
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(
      "the active pointer was written with audit entry 1, but the trail's last write of it is entry 2: an earlier pointer was put back",
    );
  });

  it("refuses to revoke over a pointer whose signature fails, rather than sign it", async () => {
    await threeVersions();
    await client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.pointer, sk: keys.active },
        UpdateExpression: "SET version = :two",
        ExpressionAttributeValues: { ":two": 2 },
      }),
    );
    expect(await store.revoke(3, { actor: "dana", reason: "wrong" })).toMatchObject({
      ok: false,
      error: {
        kind: "tampered",
        message: expect.stringContaining("the active pointer fails its signature"),
      },
    });
  });
});
