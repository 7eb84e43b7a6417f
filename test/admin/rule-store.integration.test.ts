import { createHash } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { RuleStore } from "../../admin/rule-store.js";
import { ruleSetChecksum } from "../../store/checksum.js";
import { signingPayload } from "../../store/signature.js";
import { keys } from "../../store/table-items.js";
import { shippedRules, withChangedText } from "../support/rule-sets.js";
import { signer, verify } from "../support/signing.js";
import { dynamoClient, freshTable } from "../support/tables.js";

const client = dynamoClient();
let store: RuleStore;
let table: string;

beforeEach(async () => {
  table = await freshTable();
  store = new RuleStore(client, table, signer);
});

/** An entry rewritten by someone who knows the hash recipe but not the signing key. */
const rehashed = (item: Record<string, unknown>) => {
  const { pk, sk, hash: _, signature, sequence, previousHash, ...record } = item;
  const hash = createHash("sha256")
    .update(signingPayload({ ...record, sequence, previousHash }))
    .digest("hex");
  return { pk, sk, ...record, sequence, previousHash, hash, signature };
};

const publishOrThrow = async (input: unknown, message = "") => {
  const result = await store.publish(input, { actor: "alice", message });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe("RuleStore.publish", () => {
  it("publishes the shipped rules as version 1 and points at it", async () => {
    const shipped = shippedRules();
    const meta = await publishOrThrow(shipped, "initial rules");
    expect(meta).toMatchObject({
      version: 1,
      status: "published",
      actor: "alice",
      message: "initial rules",
      ruleCount: shipped.rules.length,
      procedureCount: shipped.procedures.length,
    });
    expect(await store.activePointer()).toMatchObject({ version: 1, actor: "alice" });
    const stored = await store.readVersion(1);
    expect(stored?.content.rules).toHaveLength(shipped.rules.length);
    expect(ruleSetChecksum(stored?.content as never)).toBe(meta.checksum);
  });

  it("records the acting identity and the admin's own note beside it, on the version, the pointer and the audit entry", async () => {
    const change = {
      actor: "arn:aws:sts::123456789012:assumed-role/Admin/dana",
      actorNote: "Dana, billing",
    };
    const published = await store.publish(shippedRules(), change);
    expect(published).toMatchObject({ ok: true, value: change });
    expect(await store.activePointer()).toMatchObject(change);
    expect(await store.versionMeta(1)).toMatchObject(change);
    expect(await store.audit()).toEqual([expect.objectContaining(change)]);
  });

  it("refuses a rule whose text states ages its band does not hold", async () => {
    const contradicting = withChangedText(
      "Insert a cannula through the skin, 6 years and older",
      "ecmo-cannula-insertion-percutaneous-33951",
    );
    expect(await store.publish(contradicting, { actor: "alice" })).toMatchObject({
      ok: false,
      error: {
        kind: "invalid-rules",
        problems: [{ ruleId: "ecmo-cannula-insertion-percutaneous-33951", field: "text" }],
      },
    });
  });

  it("refuses an invalid rule set with every problem, and writes nothing", async () => {
    const broken = shippedRules();
    broken.rules[0] = { ...broken.rules[0], code: "339" };
    broken.rules[1] = { ...broken.rules[1], effective: { from: "2015-01-01", to: "2014-01-01" } };
    const result = await store.publish(broken, { actor: "alice" });
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.kind === "invalid-rules") {
      expect(result.error.problems.map((p) => p.field)).toEqual(
        expect.arrayContaining(["code", "effective.to"]),
      );
    } else throw new Error("expected invalid-rules");
    expect(await store.listVersions()).toEqual([]);
    expect(await store.activePointer()).toBeUndefined();
  });

  it("refuses to publish content identical to the active version", async () => {
    await publishOrThrow(shippedRules());
    expect(await store.publish(shippedRules(), { actor: "bob" })).toMatchObject({
      ok: false,
      error: { kind: "unchanged", version: 1 },
    });
  });

  it("refuses a publish whose expected version is not the active one, and abandons its version", async () => {
    await publishOrThrow(shippedRules());
    const result = await store.publish(withChangedText("changed"), {
      actor: "bob",
      expectVersion: null,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "conflict", expected: null, active: 1 },
    });
    expect((await store.listVersions()).map((v) => [v.version, v.status])).toEqual([
      [2, "abandoned"],
      [1, "published"],
    ]);
    expect((await store.activePointer())?.version).toBe(1);
  });

  it("lets exactly one of 20 concurrent publishes win; every loser is told why", async () => {
    await publishOrThrow(shippedRules());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.publish(withChangedText(`racer ${i}`), { actor: `racer-${i}`, expectVersion: 1 }),
      ),
    );
    const winners = results.filter((r) => r.ok);
    const losers = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser).toMatchObject({ kind: "conflict", expected: 1 });
      expect(loser.message).toMatch(
        /^expected version 1 to be active, but version \d+ is; publish of version \d+ refused$/,
      );
    }
    const active = await store.activePointer();
    const winner = winners[0];
    expect(active?.version).toBe(winner?.ok ? winner.value.version : -1);
    const versions = await store.listVersions();
    expect(versions.filter((v) => v.status === "published")).toHaveLength(2);
    expect(versions.filter((v) => v.status === "abandoned")).toHaveLength(19);
  });

  it("publishes a version larger than one transaction (100 items)", async () => {
    const big = shippedRules();
    big.procedures.push({ key: "many-bands", name: "A procedure with many yearly bands" });
    for (let year = 0; year < 150; year += 1) {
      const band = {
        label: `${year} years`,
        lower: { value: year, unit: "years", inclusive: true },
        ...(year < 149 ? { upper: { value: year, unit: "years", inclusive: true } } : {}),
      };
      big.rules.push({
        id: `many-bands-${year}`,
        procedure: "many-bands",
        code: "33946",
        text: `Year ${year}`,
        band,
        effective: { from: "2015-01-01" },
        source: "https://example.org/test-fixture",
      });
    }
    const meta = await publishOrThrow(big);
    expect(meta.ruleCount).toBe(big.rules.length);
    expect((await store.readVersion(meta.version))?.content.rules).toHaveLength(big.rules.length);
  });

  it("never numbers two versions alike, even across refused publishes", async () => {
    await publishOrThrow(shippedRules());
    await store.publish(withChangedText("lost"), { actor: "bob", expectVersion: 7 });
    expect((await publishOrThrow(withChangedText("kept"))).version).toBe(3);
  });
});

describe("RuleStore.rollback", () => {
  it("moves the pointer back to an earlier version and records it in the audit trail", async () => {
    await publishOrThrow(shippedRules(), "first");
    await publishOrThrow(withChangedText("second text"), "second");
    const result = await store.rollback(1, { actor: "carol", message: "undo" });
    expect(result).toMatchObject({ ok: true, value: { version: 1 } });
    expect((await store.activePointer())?.version).toBe(1);
    const audit = await store.audit();
    expect(audit.map((e) => [e.action, e.fromVersion, e.toVersion, e.actor])).toEqual([
      ["rollback", 2, 1, "carol"],
      ["publish", 1, 2, "alice"],
      ["publish", null, 1, "alice"],
    ]);
    for (const entry of audit) expect(Date.parse(entry.at)).not.toBeNaN();
  });

  it("refuses to roll back to a version that was never published or is already active", async () => {
    await publishOrThrow(shippedRules());
    expect(await store.rollback(9, { actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "version-not-found", version: 9 },
    });
    expect(await store.rollback(1, { actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "already-active", version: 1 },
    });
  });

  it("refuses to roll back to an abandoned version", async () => {
    await publishOrThrow(shippedRules());
    await store.publish(withChangedText("lost"), { actor: "bob", expectVersion: null });
    expect(await store.rollback(2, { actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "version-not-found" },
    });
  });

  it("refuses a rollback when the active version moved since the admin looked", async () => {
    await publishOrThrow(shippedRules());
    await publishOrThrow(withChangedText("two"));
    await publishOrThrow(withChangedText("three"));
    expect(await store.rollback(1, { actor: "carol", expectVersion: 2 })).toMatchObject({
      ok: false,
      error: { kind: "conflict", expected: 2, active: 3 },
    });
    expect((await store.activePointer())?.version).toBe(3);
  });
});

describe("the audit trail", () => {
  it("chains every entry to the one before, numbered and signed, and verifies", async () => {
    await publishOrThrow(shippedRules());
    await publishOrThrow(withChangedText("two"));
    await store.rollback(1, { actor: "carol", message: "undo" });
    await store.revoke(2, { actor: "dana", reason: "wrong text" });
    const entries = await store.audit();
    expect(entries.map((e) => [e.sequence, e.action, e.toVersion])).toEqual([
      [4, "revoke", 2],
      [3, "rollback", 1],
      [2, "publish", 2],
      [1, "publish", 1],
    ]);
    for (const [newer, older] of entries.slice(0, -1).map((e, i) => [e, entries[i + 1]] as const))
      expect(newer.previousHash).toBe(older?.hash);
    expect(entries.at(-1)?.previousHash).toBe("");
    expect(await store.verifyAudit(verify)).toEqual({
      ok: true,
      entries: 4,
      head: entries[0]?.hash,
    });
  });

  it("keeps one chain under concurrent publishes and revocations", async () => {
    await publishOrThrow(shippedRules());
    await publishOrThrow(withChangedText("two"));
    await publishOrThrow(withChangedText("three"));
    const [published, revoked] = await Promise.all([
      store.publish(withChangedText("four"), { actor: "erin" }),
      store.revoke(1, { actor: "frank", reason: "superseded" }),
    ]);
    expect([published.ok, revoked.ok]).toEqual([true, true]);
    expect(await store.verifyAudit(verify)).toMatchObject({ ok: true, entries: 5 });
  });

  it.each<[string, Record<string, unknown> | "rehashed", string]>([
    [
      "its actor",
      { actor: "arn:aws:iam::123456789012:user/someone-else" },
      "its content does not match its hash",
    ],
    ["its message, hash recomputed", "rehashed", "its signature does not verify"],
    [
      "its link to the one before",
      { previousHash: "0".repeat(64) },
      "it does not carry the hash of the entry before it",
    ],
  ])("names the first entry whose %s was changed directly", async (_what, change, reason) => {
    await publishOrThrow(shippedRules());
    await publishOrThrow(withChangedText("two"));
    await publishOrThrow(withChangedText("three"));
    const second = (await store.audit()).find((e) => e.sequence === 2);
    const items = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.audit },
      }),
    );
    const item = items.Items?.find((i) => i.sequence === 2);
    const rewritten =
      change === "rehashed"
        ? rehashed({ ...item, message: "nothing to see" })
        : { ...item, ...change };
    await client.send(new PutCommand({ TableName: table, Item: rewritten }));
    expect(await store.verifyAudit(verify)).toMatchObject({
      ok: false,
      entry: { sequence: 2, toVersion: second?.toVersion },
      reason,
    });
  });
});

describe("the notes an admin writes about a change", () => {
  it("are refused on publish, rollback and revoke when not plain text or too long, and nothing is written", async () => {
    await publishOrThrow(shippedRules());
    await publishOrThrow(withChangedText("two"));
    const before = await store.audit();
    expect(
      await store.publish(withChangedText("three"), { actor: "dana", message: "<b>2027</b>" }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: "invalid-note",
        field: "message",
        message:
          "the message must not hold markup characters < or > (< at character 1); nothing was written",
      },
    });
    expect(
      await store.rollback(1, { actor: "dana", actorNote: "dana\nrolled back by root" }),
    ).toMatchObject({ ok: false, error: { kind: "invalid-note", field: "actorNote" } });
    expect(await store.revoke(1, { actor: "dana", reason: "r".repeat(501) })).toMatchObject({
      ok: false,
      error: { kind: "invalid-note", field: "reason" },
    });
    expect(await store.audit()).toEqual(before);
    expect(await store.activePointer()).toMatchObject({ version: 2 });
    expect(await store.versionMeta(3)).toBeUndefined();
    expect((await store.versionMeta(1))?.revoked).toBeUndefined();
  });
});

describe("RuleStore.publish with a signer that fails", () => {
  it("writes no content, no metadata and no audit entry", async () => {
    const failing = new RuleStore(client, table, {
      keyId: "unreachable",
      sign: () => Promise.reject(new Error("KMS is unreachable")),
      publicKey: () => Promise.reject(new Error("KMS is unreachable")),
    });
    await expect(failing.publish(shippedRules(), { actor: "alice" })).rejects.toThrow(
      "KMS is unreachable",
    );
    expect(await store.readVersion(1)).toBeUndefined();
    expect(await store.listVersions()).toEqual([]);
    expect(await store.audit()).toEqual([]);
    const content = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.content(1) },
      }),
    );
    expect(content.Items).toEqual([]);
  });
});

describe("RuleStore.rollback of a version changed outside publish", () => {
  it.each([
    ["its checksum", { checksum: "0".repeat(64) }, "does not match its checksum"],
    ["its message", { message: "rewritten" }, "its signature does not verify"],
  ])("is refused when %s was changed, and the pointer stays", async (_what, change, reason) => {
    await publishOrThrow(shippedRules());
    await publishOrThrow(withChangedText("two"));
    const metaKey = { pk: keys.versions, sk: keys.version(1) };
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: metaKey }));
    await client.send(new PutCommand({ TableName: table, Item: { ...Item, ...change } }));
    expect(await store.rollback(1, { actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "tampered", version: 1, message: expect.stringContaining(reason) },
    });
    expect((await store.activePointer())?.version).toBe(2);
    // Read for the admin side (export, diff, impact, the studio), it is refused the same way.
    expect(await store.readPublished(1)).toMatchObject({
      ok: false,
      error: { kind: "tampered", version: 1, message: expect.stringContaining(reason) },
    });
    expect(await store.readPublished(2)).toMatchObject({
      ok: true,
      value: { meta: { version: 2 } },
    });
  });
});

describe("RuleStore.revoke", () => {
  it("marks a published version revoked, with who and why, and refuses to make it active again", async () => {
    await publishOrThrow(shippedRules());
    await publishOrThrow(withChangedText("two"));
    const revoked = await store.revoke(1, { actor: "dana", reason: "wrong band" });
    expect(revoked).toMatchObject({
      ok: true,
      value: { version: 1, revoked: { actor: "dana", reason: "wrong band" } },
    });
    expect((await store.versionMeta(1))?.revoked).toMatchObject({ reason: "wrong band" });
    expect(await store.rollback(1, { actor: "carol" })).toMatchObject({
      ok: false,
      error: { kind: "revoked", version: 1 },
    });
  });

  it("refuses the active version, an unknown one and one already revoked, writing nothing", async () => {
    await publishOrThrow(shippedRules());
    await publishOrThrow(withChangedText("two"));
    expect(await store.revoke(2, { actor: "dana", reason: "x" })).toMatchObject({
      ok: false,
      error: {
        kind: "already-active",
        message: "version 2 is active; roll back from it before revoking it",
      },
    });
    expect(await store.revoke(9, { actor: "dana", reason: "x" })).toMatchObject({
      ok: false,
      error: { kind: "version-not-found" },
    });
    await store.revoke(1, { actor: "dana", reason: "x" });
    expect(await store.revoke(1, { actor: "dana", reason: "again" })).toMatchObject({
      ok: false,
      error: { kind: "revoked", message: "version 1 is already revoked" },
    });
    expect((await store.audit()).map((e) => e.action)).toEqual(["revoke", "publish", "publish"]);
  });
});
