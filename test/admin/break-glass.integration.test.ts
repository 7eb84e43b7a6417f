import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { AdminMetrics } from "../../admin/admin-metrics.js";
import { RuleStore } from "../../admin/rule-store.js";
import { keys } from "../../store/table-items.js";
import { editableShippedRules, withChangedText, withFutureText } from "../support/rule-sets.js";
import { storeOptions } from "../support/signing.js";
import { freshTable } from "../support/tables.js";
import { client } from "./support.js";

const INCIDENT = { kind: "break-glass", reason: "incident 42" } as const;

/** A store whose break-glass alarms are counted, or fail to be raised, on `table`. */
const storeRaising = async (metrics: AdminMetrics, table?: string) => {
  const store = new RuleStore(client, table ?? (await freshTable()), {
    ...storeOptions(),
    metrics,
  });
  const first = await store.publish(editableShippedRules(), { actor: "alice" });
  if (!first.ok) throw new Error(first.error.message);
  return store;
};

describe("break glass", () => {
  it("raises its alarm once for each move it makes, publish and rollback alike", async () => {
    const raised: string[] = [];
    const store = await storeRaising({ breakGlass: async (action) => void raised.push(action) });
    expect(
      await store.publish(withFutureText("Incident fix"), { actor: "alex", authority: INCIDENT }),
    ).toMatchObject({ ok: true });
    expect(await store.rollback(1, { actor: "alex", authority: INCIDENT })).toMatchObject({
      ok: true,
    });
    expect(raised).toEqual(["publish", "rollback"]);
  });

  it("raises no alarm for a move the policy refuses", async () => {
    const raised: string[] = [];
    const store = await storeRaising({ breakGlass: async (action) => void raised.push(action) });
    const past = withChangedText("Insert ECMO/ECLS peripheral cannula, reworded");
    expect(await store.publish(past, { actor: "alex", authority: INCIDENT })).toMatchObject({
      ok: false,
      error: { kind: "past-changes" },
    });
    expect(raised).toEqual([]);
  });

  it("makes no move live when its alarm cannot be raised: there is no quiet way around it", async () => {
    const store = await storeRaising({
      breakGlass: async () => {
        throw new Error("User arn:aws:iam::123456789012:user/alex is not authorized");
      },
    });
    const result = await store.publish(withFutureText("Incident fix"), {
      actor: "alex",
      authority: INCIDENT,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "alarm-not-raised",
        message:
          "publish refused: break glass raises its alarm first, and raising it failed (Error); nothing went live",
      },
    });
    expect((await store.activePointer())?.version).toBe(1);
    expect((await store.listVersions()).map((v) => [v.version, v.status])).toEqual([
      [2, "abandoned"],
      [1, "published"],
    ]);
  });
});

describe("the approvals setting", () => {
  /** A store on a fresh table with the shipped rules as version 1, raising alarms into `raised`. */
  const withVersion1 = async (raised: string[] = []) =>
    storeRaising({ breakGlass: async (action) => void raised.push(action) });

  it("is raised by one admin alone, and then a request needs that many approvals", async () => {
    const store = await withVersion1();
    expect(await store.requests.setApprovalsRequired(2, { actor: "kim" })).toEqual({
      ok: true,
      value: 2,
    });
    expect(await store.requests.approvalsRequired()).toEqual({ ok: true, value: 2 });
  });

  it("is lowered only with break glass, which raises its alarm and is marked in the audit", async () => {
    const raised: string[] = [];
    const store = await withVersion1(raised);
    await store.requests.setApprovalsRequired(3, { actor: "kim" });
    expect(await store.requests.setApprovalsRequired(1, { actor: "kim" })).toMatchObject({
      ok: false,
      error: {
        kind: "approval",
        message:
          "setting refused: lowering the approvals a change request needs from 3 to 1 is not one admin's to do alone; it takes --break-glass with a reason; nothing was written",
      },
    });
    expect(raised).toEqual([]);
    const lowered = await store.requests.setApprovalsRequired(1, {
      actor: "kim",
      authority: { kind: "break-glass", reason: "two reviewers on leave" },
    });
    expect(lowered).toEqual({ ok: true, value: 1 });
    expect(raised).toEqual(["setting"]);
    expect((await store.audit())[0]).toMatchObject({
      action: "settings",
      approvalsRequired: 1,
      breakGlass: "two reviewers on leave",
    });
  });

  it("lives in the signed trail: an entry edited by another hand stops every approval and publish", async () => {
    const table = await freshTable();
    const store = await storeRaising({ breakGlass: async () => undefined }, table);
    await store.requests.setApprovalsRequired(2, { actor: "kim" });
    const entries = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.audit },
      }),
    );
    const setting = entries.Items?.find((item) => item.action === "settings");
    await client.send(
      new PutCommand({ TableName: table, Item: { ...setting, approvalsRequired: 1 } }),
    );
    const created = await store.requests.create(
      { title: "fix", content: withFutureText("Fix") },
      { actor: "alex" },
    );
    expect(created.ok).toBe(true);
    expect(await store.requests.approve(1, { actor: "sam" })).toMatchObject({
      ok: false,
      error: { kind: "audit-broken" },
    });
    expect(await store.requests.publish(1, { actor: "sam" })).toMatchObject({
      ok: false,
      error: { kind: "audit-broken" },
    });
    expect((await store.activePointer())?.version).toBe(1);
  });
});
