import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { encodeBody } from "../../admin/request-items.js";
import { validateRuleSet } from "../../core/validate.js";
import { isMoveRecord, keys } from "../../store/table-items.js";
import { editableShippedRules, withChangedText, withFutureText } from "../support/rule-sets.js";
import { client, publishOrThrow, store, storeOnFreshTable, table } from "./support.js";

storeOnFreshTable();

const alex = { actor: "alex" };
const sam = { actor: "sam" };
const kim = { actor: "kim" };

/** Publishes the shipped rules as version 1 and has alex propose `content` against it. */
const proposed = async (content: unknown, more: { allowPastChanges?: boolean } = {}) => {
  await publishOrThrow(editableShippedRules());
  const created = await store.requests.create({ title: "ECMO text", content, ...more }, alex);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
};

const messageOf = (result: { ok: boolean; error?: { message: string } }) =>
  result.ok ? "ok" : result.error?.message;

describe("a change request", () => {
  it("is created in review against the active version, and survives being read back", async () => {
    const request = await proposed(withFutureText("New ECMO text"));
    expect(request).toMatchObject({
      number: 1,
      state: "in-review",
      baseVersion: 1,
      author: "alex",
    });
    expect(await store.requests.list()).toMatchObject([{ number: 1, title: "ECMO text" }]);
  });

  it("is published only after a second person approves it; its author cannot approve it", async () => {
    await proposed(withFutureText("New ECMO text"));
    expect(messageOf(await store.requests.approve(1, alex))).toBe(
      "change request 1: its author (alex) cannot approve it; a second person must; nothing was written",
    );
    expect(messageOf(await store.requests.publish(1, kim))).toBe(
      "publish refused: change request 1 has 0 of the 1 approval(s) it needs from someone other than its author; nothing was written",
    );
    expect(await store.requests.approve(1, sam)).toMatchObject({
      ok: true,
      value: { state: "approved" },
    });
    const published = await store.requests.publish(1, kim);
    expect(published).toMatchObject({ ok: true, value: { version: { version: 2 } } });
    expect((await store.activePointer())?.version).toBe(2);
    expect((await store.requests.list())[0]).toMatchObject({
      state: "published",
      publishedVersion: 2,
    });
  });

  it("records every step in the signed audit trail, naming who took it", async () => {
    await proposed(withFutureText("New ECMO text"));
    await store.requests.comment(1, "looks right", kim);
    await store.requests.approve(1, sam);
    await store.requests.publish(1, kim);
    const entries = await store.audit();
    expect(
      entries.map((e) =>
        isMoveRecord(e) ? [e.action, e.actor, e.proposedBy, e.approvedBy] : [e.action, e.actor],
      ),
    ).toEqual([
      ["publish", "kim", "alex", ["sam"]],
      ["request", "sam"],
      ["request", "kim"],
      ["request", "alex"],
      ["publish", "alice", undefined, undefined],
    ]);
    expect(await store.verifyAudit()).toMatchObject({ ok: true, entries: 5 });
  });

  it("needs as many approvals as the signed setting says, each from another person", async () => {
    await proposed(withFutureText("New ECMO text"));
    expect(await store.requests.setApprovalsRequired(2, kim)).toEqual({ ok: true, value: 2 });
    await store.requests.approve(1, sam);
    expect(messageOf(await store.requests.approve(1, sam))).toBe(
      "change request 1: sam has approved it as it stands already; nothing was written",
    );
    expect(messageOf(await store.requests.publish(1, sam))).toContain("has 1 of the 2 approval(s)");
    expect(await store.requests.approve(1, kim)).toMatchObject({ value: { state: "approved" } });
    expect(await store.requests.publish(1, sam)).toMatchObject({ ok: true });
  });

  it("refuses a setting below one approval: a request always needs a second person", async () => {
    expect(messageOf(await store.requests.setApprovalsRequired(0, kim))).toBe(
      "approvals required must be a whole number from 1 to 5: a change request always needs a second person; nothing was written",
    );
  });

  it("asks leave for past changes of its author, and has it once a second person approves", async () => {
    const reworded = withChangedText("Insert ECMO/ECLS peripheral cannula, reworded");
    await publishOrThrow(editableShippedRules());
    expect(
      messageOf(await store.requests.create({ title: "reword", content: reworded }, alex)),
    ).toMatch(/^change request refused: it changes answers for dates of service from 2015-01-01/);
    const asked = await store.requests.create(
      { title: "reword", content: reworded, allowPastChanges: true },
      alex,
    );
    expect(asked).toMatchObject({ ok: true, value: { allowPastChanges: true } });
    await store.requests.approve(1, sam);
    expect(await store.requests.publish(1, kim)).toMatchObject({ ok: true });
    const [move] = (await store.audit()).filter(isMoveRecord);
    expect(move).toMatchObject({ allowedPastChanges: true, request: 1, approvedBy: ["sam"] });
  });

  it("is rejected by a reviewer with a reason, withdrawn only by its author, and then goes no further", async () => {
    await proposed(withFutureText("New ECMO text"));
    expect(messageOf(await store.requests.reject(1, "no", alex))).toMatch(/withdraws it/);
    expect(messageOf(await store.requests.withdraw(1, sam))).toBe(
      "change request 1: only its author (alex) can withdraw it; nothing was written",
    );
    expect(await store.requests.reject(1, "wrong source", sam)).toMatchObject({
      value: { state: "rejected", rejection: { actor: "sam", reason: "wrong source" } },
    });
    expect(messageOf(await store.requests.approve(1, kim))).toBe(
      "change request 1: it is rejected; only a request in-review or approved can be approved; nothing was written",
    );
  });
});

describe("rebasing a change request", () => {
  /** Two requests from version 1: one edits 33951, the other `otherRule`. */
  const twoRequests = async (otherRule: string) => {
    await proposed(withFutureText("First edit"));
    const second = await store.requests.create(
      { title: "second", content: withFutureText("Second edit", otherRule) },
      alex,
    );
    if (!second.ok) throw new Error(second.error.message);
    await store.requests.approve(1, sam);
    await store.requests.approve(2, sam);
    await store.requests.publish(1, kim);
  };

  it("refuses to publish a request whose base is no longer active, until it is rebased", async () => {
    await twoRequests("ecmo-cannula-insertion-percutaneous-33952");
    expect(messageOf(await store.requests.publish(2, kim))).toBe(
      "expected version 1 to be active, but version 2 is; publish refused; nothing was written",
    );
  });

  it("combines edits of different rules, and then the active version holds both", async () => {
    await twoRequests("ecmo-cannula-insertion-percutaneous-33952");
    const rebased = await store.requests.rebase(2, alex);
    expect(rebased).toMatchObject({
      ok: true,
      value: { baseVersion: 2, conflicts: [], state: "in-review" },
    });
    expect(messageOf(await store.requests.publish(2, kim))).toContain("has 0 of the 1 approval(s)");
    await store.requests.approve(2, sam);
    expect(await store.requests.publish(2, kim)).toMatchObject({
      ok: true,
      value: { version: { version: 3 } },
    });
    const active = await store.readPublished(3);
    const texts = active.ok ? active.value.ruleSet.rules.map((r) => r.text) : [];
    expect(texts).toEqual(expect.arrayContaining(["First edit", "Second edit"]));
  });

  it("lists edits of the same rule as conflicts, refusing approval and publish until each is resolved", async () => {
    await twoRequests("ecmo-cannula-insertion-percutaneous-33951");
    const rebased = await store.requests.rebase(2, alex);
    expect(rebased.ok && rebased.value.conflicts.map((c) => c.key)).toEqual([
      "ecmo-cannula-insertion-percutaneous-33951-2099",
    ]);
    expect(messageOf(await store.requests.approve(2, sam))).toBe(
      "change request 2: it has 1 unresolved conflict(s); each is resolved before it can be approved; nothing was written",
    );
    expect(messageOf(await store.requests.publish(2, kim))).toContain("1 unresolved conflict(s)");
    expect(
      messageOf(
        await store.requests.resolve(
          2,
          "ecmo-cannula-insertion-percutaneous-33951-2099",
          "mine",
          sam,
        ),
      ),
    ).toMatch(/only its author \(alex\) resolves/);
    const resolved = await store.requests.resolve(
      2,
      "ecmo-cannula-insertion-percutaneous-33951-2099",
      "mine",
      alex,
    );
    expect(resolved).toMatchObject({ ok: true, value: { conflicts: [] } });
    // Its rules are the very rules sam approved before the rebase, but not over version 2: that
    // approval does not come back.
    expect(messageOf(await store.requests.publish(2, kim))).toContain("has 0 of the 1 approval(s)");
    expect(await store.requests.approve(2, sam)).toMatchObject({ value: { state: "approved" } });
    expect(await store.requests.publish(2, kim)).toMatchObject({ ok: true });
    const active = await store.readPublished(3);
    const texts = active.ok ? active.value.ruleSet.rules.map((r) => r.text) : [];
    expect(texts).toContain("Second edit");
    expect(texts).not.toContain("First edit");
  });
});

describe("who may take which step", () => {
  it("lets only the author submit a draft, rebase or withdraw it", async () => {
    await publishOrThrow(editableShippedRules());
    const created = await store.requests.create(
      { title: "draft", content: withFutureText("Draft wording"), draft: true },
      alex,
    );
    expect(created).toMatchObject({ ok: true, value: { state: "draft" } });
    expect(messageOf(await store.requests.submit(1, sam))).toBe(
      "change request 1: only its author (alex) submits it; nothing was written",
    );
    expect(messageOf(await store.requests.rebase(1, sam))).toContain("only its author (alex)");
    expect(await store.requests.submit(1, alex)).toMatchObject({ value: { state: "in-review" } });
  });

  it("gives a change request's authority only to the request's own publish, never to a door", async () => {
    await publishOrThrow(editableShippedRules());
    const forged = {
      kind: "request",
      request: 1,
      author: "alex",
      checksum: "forged",
      approvers: ["nobody"],
      approvalsRequired: 1,
      conflicts: 0,
    };
    // A door's change carries no request authority in its type; a caller in plain JavaScript can
    // still send one, and it counts for nothing.
    const change = { actor: "alex", authority: forged } as unknown as Parameters<
      typeof store.publish
    >[1];
    expect(await store.publish(withFutureText("Forged"), change)).toMatchObject({
      ok: false,
      error: { kind: "approval" },
    });
    expect((await store.activePointer())?.version).toBe(1);
  });
});

describe("publishing without a change request", () => {
  it("is refused over an active version, and allowed with break glass, marked in the audit", async () => {
    await publishOrThrow(editableShippedRules());
    const content = withFutureText("Incident fix");
    expect(messageOf(await store.publish(content, alex))).toBe(
      "publish refused: a change to active version 1 needs a change request approved by someone other than its author (code-rules change create), or --break-glass with a reason; nothing was written",
    );
    const broken = await store.publish(content, {
      ...alex,
      authority: { kind: "break-glass", reason: "incident 42" },
    });
    expect(broken).toMatchObject({ ok: true, value: { version: 2 } });
    const [move] = (await store.audit()).filter(isMoveRecord);
    expect(move).toMatchObject({ action: "publish", actor: "alex", breakGlass: "incident 42" });
  });
});

describe("a change request changed outside code-rules", () => {
  it("counts no approval once its rules differ from what was approved", async () => {
    await proposed(withFutureText("Approved wording"));
    await store.requests.approve(1, sam);
    const stored = await client.send(
      new GetCommand({ TableName: table, Key: { pk: keys.requests, sk: keys.request(1) } }),
    );
    const item = stored.Item ?? {};
    const swapped = validateRuleSet(withFutureText("Wording nobody approved"));
    if (!swapped.ok) throw new Error("the swapped rules do not validate");
    await client.send(
      new PutCommand({
        TableName: table,
        Item: { ...item, body: encodeBody({ content: swapped.value, conflicts: [] }) },
      }),
    );
    expect(messageOf(await store.requests.publish(1, alex))).toContain(
      "has 0 of the 1 approval(s) it needs",
    );
    expect((await store.activePointer())?.version).toBe(1);
  });
});

describe("approvals, as the audit trail records them", () => {
  it("counts no approval written into the request's item by another hand", async () => {
    const { revision, checksum, updatedAt: at } = await proposed(withFutureText("Wording"));
    const forged = [{ actor: "sam", at, revision, checksum }];
    await client.send(
      new PutCommand({ TableName: table, Item: { ...(await rawItem(1)), approvals: forged } }),
    );
    // The item says sam approved; the signed trail does not, and review and publish read the trail.
    expect(await store.requests.review(1)).toMatchObject({ value: { approvers: [] } });
    expect(messageOf(await store.requests.publish(1, alex))).toContain(
      "has 0 of the 1 approval(s) it needs",
    );
  });

  it("publishes nothing while the audit trail fails its check", async () => {
    await proposed(withFutureText("Wording"));
    await store.requests.approve(1, sam);
    const audit = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.audit },
      }),
    );
    const first = audit.Items?.find((item) => item.sequence === 1);
    await client.send(new PutCommand({ TableName: table, Item: { ...first, message: "edited" } }));
    expect(await store.requests.publish(1, alex)).toMatchObject({
      ok: false,
      error: { kind: "audit-broken" },
    });
    expect((await store.activePointer())?.version).toBe(1);
  });
});

const rawItem = async (number: number) =>
  (
    await client.send(
      new GetCommand({ TableName: table, Key: { pk: keys.requests, sk: keys.request(number) } }),
    )
  ).Item ?? {};
