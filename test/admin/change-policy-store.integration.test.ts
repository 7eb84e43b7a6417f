import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { keys } from "../../store/table-items.js";
import { shippedRules } from "../core/support/shipped-rules.js";
import { today } from "../support/admin-fixture.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { client, publishOrThrow, SETUP, store, storeOnFreshTable, table } from "./support.js";

storeOnFreshTable();

const pastChangeSentence = (action: string) =>
  `${action} refused: it changes answers for dates of service from 2015-01-01, before ${today()}; nothing was written`;

const soleLeaveSentence = (action: string) =>
  `${action} refused: one person alone cannot allow past changes or removals; a change request approved by a second person can, or --break-glass with a reason; nothing was written`;

describe("the change policy, as the store applies it", () => {
  it("refuses a rollback that re-codes past dates of service unless allowed, and the pointer stays", async () => {
    await publishOrThrow(editableShippedRules());
    await publishOrThrow(withChangedText("two"));
    expect(await store.rollback(1, { actor: "sam" })).toMatchObject({
      ok: false,
      error: { kind: "past-changes", message: pastChangeSentence("rollback") },
    });
    expect((await store.activePointer())?.version).toBe(2);
    expect(await store.rollback(1, { actor: "sam", allowPastChanges: true })).toMatchObject({
      ok: false,
      error: { kind: "approval", message: soleLeaveSentence("rollback") },
    });
    expect((await store.activePointer())?.version).toBe(2);
    const breakGlass = { kind: "break-glass", reason: "wrong band live, on call" } as const;
    expect(
      await store.rollback(1, { actor: "sam", allowPastChanges: true, authority: breakGlass }),
    ).toMatchObject({ ok: true, value: { version: 1 } });
    expect((await store.activePointer())?.version).toBe(1);
    expect((await store.audit())[0]).toMatchObject({
      action: "rollback",
      fromVersion: 2,
      toVersion: 1,
      actor: "sam",
      allowedPastChanges: true,
      breakGlass: "wrong band live, on call",
    });
  });

  it("counts dates as past from today even when the change names an earlier day", async () => {
    await publishOrThrow(editableShippedRules());
    const refused = await store.publish(withChangedText("two"), {
      actor: "mallory",
      asOf: "2000-01-01",
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: "past-changes", asOf: today(), message: pastChangeSentence("publish") },
    });
  });

  it("judges a move away from an active version that fails its checks against no rules, so it can be replaced with leave", async () => {
    await publishOrThrow(editableShippedRules());
    const metaKey = { pk: keys.versions, sk: keys.version(1) };
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: metaKey }));
    await client.send(
      new PutCommand({ TableName: table, Item: { ...Item, message: "rewritten by hand" } }),
    );
    const withoutLeave = await store.publish(withChangedText("repaired"), { actor: "sam" });
    expect(withoutLeave).toMatchObject({ ok: false, error: { kind: "past-changes" } });
    const preview = await store.previewMove("publish", shippedRules(), {});
    expect(preview).toMatchObject({ ok: true, value: { active: { version: 1 } } });
    expect(
      await store.publish(withChangedText("repaired"), {
        actor: "sam",
        allowPastChanges: true,
        authority: SETUP,
      }),
    ).toMatchObject({ ok: true, value: { version: 2 } });
  });
});
