import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { AdminMetrics } from "../../admin/admin-metrics.js";
import { RuleStore } from "../../admin/rule-store.js";
import { keys } from "../../store/table-items.js";
import { editableShippedRules, withChangedText, withFutureText } from "../support/rule-sets.js";
import { signer } from "../support/signing.js";
import { freshTable } from "../support/tables.js";
import { client } from "./support.js";

const INCIDENT = { kind: "break-glass", reason: "incident 42" } as const;

/** A store whose break-glass alarms are counted, or fail to be raised. */
const storeRaising = async (metrics: AdminMetrics) => {
  const store = new RuleStore(client, await freshTable(), signer, undefined, metrics);
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
  it("is refused when changed outside code-rules, and nothing is published on it", async () => {
    const table = await freshTable();
    const store = new RuleStore(client, table, signer);
    await store.publish(editableShippedRules(), { actor: "alice" });
    await store.requests.setApprovalsRequired(2, { actor: "kim" });
    await client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.settings, sk: keys.approvals },
        UpdateExpression: "SET approvalsRequired = :one",
        ExpressionAttributeValues: { ":one": 1 },
      }),
    );
    const created = await store.requests.create(
      { title: "fix", content: withFutureText("Fix") },
      { actor: "alex" },
    );
    expect(created.ok).toBe(true);
    await store.requests
      .approve(1, { actor: "sam" })
      .then((approved) =>
        expect(approved).toMatchObject({ ok: false, error: { kind: "settings-tampered" } }),
      );
    expect(await store.requests.publish(1, { actor: "sam" })).toMatchObject({
      ok: false,
      error: { kind: "settings-tampered" },
    });
    expect((await store.activePointer())?.version).toBe(1);
  });
});
