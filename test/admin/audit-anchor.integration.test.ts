import { DeleteCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { MemoryAnchor } from "../../admin/anchors/memory-anchor.js";
import { RuleStore } from "../../admin/rule-store.js";
import { keySigner, newSigningKey } from "../../admin/signing/local-signer.js";
import { type AuditEntry, keys } from "../../store/table-items.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { storeOptions } from "../support/signing.js";
import { client, publishOrThrow, SETUP, store, storeOnFreshTable, table } from "./support.js";

storeOnFreshTable();

const auditItems = async (): Promise<(AuditEntry & { pk: string; sk: string })[]> =>
  ((
    await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :audit",
        ExpressionAttributeValues: { ":audit": keys.audit },
      }),
    )
  ).Items ?? []) as (AuditEntry & { pk: string; sk: string })[];

const deleteEntry = (entry: { pk: string; sk: string }) =>
  client.send(new DeleteCommand({ TableName: table, Key: { pk: entry.pk, sk: entry.sk } }));

const headKey = { pk: keys.pointer, sk: keys.auditHead };

/** Three versions published: three entries, each head kept outside the table. */
const threeVersions = async () => {
  await publishOrThrow(editableShippedRules());
  await publishOrThrow(withChangedText("second"));
  await publishOrThrow(withChangedText("third"));
};

const failsSaying = async (said: string) => {
  const check = await store.verifyAudit();
  expect(check.ok).toBe(false);
  expect(!check.ok && check.reason).toContain(said);
};

describe("audit heads kept outside the table", () => {
  it("keeps every head, and verify reaches the newest", async () => {
    await threeVersions();
    expect(await store.verifyAudit()).toMatchObject({
      ok: true,
      entries: 3,
      anchored: { where: "this process's memory", sequence: 3 },
    });
  });

  it("sees the newest entries deleted and the table's head set back to the entry before them", async () => {
    await threeVersions();
    const entries = (await auditItems()).sort((a, b) => a.sequence - b.sequence);
    const [, second, third] = entries;
    if (!second || !third) throw new Error("three entries expected");
    await deleteEntry(third);
    const { sequence, hash, signature } = second;
    await client.send(
      new PutCommand({ TableName: table, Item: { ...headKey, sequence, hash, signature } }),
    );
    await failsSaying(
      "the head kept in this process's memory is entry 3 (hash " +
        `${third.hash.slice(0, 12)}…), but the trail ends at entry 2: entries were removed or rewritten, or the trail deleted`,
    );
  });

  it("sees the whole trail deleted, head and all", async () => {
    await threeVersions();
    for (const entry of await auditItems()) await deleteEntry(entry);
    await client.send(new DeleteCommand({ TableName: table, Key: headKey }));
    await failsSaying("is entry 3");
    await failsSaying("but the trail ends at entry 0");
  });

  it("refuses a kept head that the signing key did not sign", async () => {
    const anchor = new MemoryAnchor();
    const own = new RuleStore(client, table, { ...storeOptions(), anchor });
    const published = await own.publish(editableShippedRules(), {
      actor: "alice",
      authority: SETUP,
    });
    if (!published.ok) throw new Error(published.error.message);
    const forged = await keySigner(newSigningKey(), "mallory").sign(Buffer.from("0".repeat(64)));
    await anchor.keep({ sequence: 2, hash: "0".repeat(64), signature: forged });
    const check = await own.verifyAudit();
    expect(check).toMatchObject({
      ok: false,
      reason:
        "the newest head kept in this process's memory (entry 2) is not signed by the signing key",
    });
  });

  it("writes nothing when there is nowhere to keep the head: the place is asked for before any write", async () => {
    const nowhere = new RuleStore(client, table, {
      ...storeOptions(),
      anchor: {
        get where(): string {
          throw new Error("no place to keep audit heads: set CODE_RULES_AUDIT_ANCHOR");
        },
        keep: () => Promise.resolve(),
        newest: () => Promise.resolve(undefined),
      },
    });
    await expect(
      nowhere.publish(editableShippedRules(), { actor: "alice", authority: SETUP }),
    ).rejects.toThrow("no place to keep audit heads");
    expect(await store.activePointer()).toBeUndefined();
    expect(await store.listVersions()).toEqual([]);
    expect(await auditItems()).toEqual([]);
  });

  it("says a change was written when its head could not be kept, and the next change keeps its own", async () => {
    const failing = new RuleStore(client, table, {
      ...storeOptions(),
      anchor: {
        where: "s3://unreachable",
        keep: () => Promise.reject(new Error("AccessDenied")),
        newest: () => Promise.resolve(undefined),
      },
    });
    await expect(
      failing.publish(editableShippedRules(), { actor: "alice", authority: SETUP }),
    ).rejects.toThrow(
      "the change was written (audit entry 1), but its head could not be kept in s3://unreachable (Error: AccessDenied); the next change keeps its own head there",
    );
    expect((await store.activePointer())?.version).toBe(1);
    await publishOrThrow(withChangedText("second"));
    expect(await store.verifyAudit()).toMatchObject({ ok: true, anchored: { sequence: 2 } });
  });
});
