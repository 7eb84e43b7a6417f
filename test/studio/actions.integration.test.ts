import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";
import { type StudioFixture, studioOnFreshTable } from "./studio-fixture.js";

let fixture: StudioFixture;

beforeAll(async () => {
  fixture = await studioOnFreshTable();
});

afterAll(async () => {
  await fixture?.stop();
});

/** A request from the studio's own page: the secret's cookie and its origin. */
const send = async (path: string, body: string, type = "application/json") => {
  const response = await fetch(`${fixture.studio.origin}${path}`, {
    method: "POST",
    headers: {
      cookie: fixture.studio.cookie,
      origin: fixture.studio.origin,
      "content-type": type,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const publish = (body: Record<string, unknown>) => send("/api/publish", JSON.stringify(body));
const activeVersion = async () => (await fixture.store.activePointer())?.version;

const NEW_TEXT = "Percutaneous ECMO/ECLS cannula insertion, birth through 5 years (ours)";

/** 33951 reworded (a change to answers since 2015), over `baseVersion`. */
const reword = (text: string, baseVersion: number, allowPastChanges: boolean) =>
  publish({ content: withChangedText(text), baseVersion, message: "reword", allowPastChanges });

describe("the studio's actions on the rules table", () => {
  it("refuses a draft that re-codes past dates of service unless the manager confirmed it; nothing is written", async () => {
    const refused = await reword(NEW_TEXT, 1, false);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      refused: "past-changes",
      regions: [{ before: { code: "33951" } }],
    });
    expect(refused.body.error).toContain("changes answers for dates of service from 2015-01-01");
    expect(await activeVersion()).toBe(1);
    expect((await fixture.store.listVersions()).length).toBe(1);
  });

  it("refuses a draft with problems, naming each at its rule and field", async () => {
    const rules = editableShippedRules();
    const rule = rules.rules.find((r) => r.id === "ecmo-cannula-insertion-percutaneous-33951");
    if (!rule) throw new Error("no 33951");
    rule.code = "3395";
    const refused = await publish({
      content: rules,
      baseVersion: 1,
      message: "x",
      allowPastChanges: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toContainEqual(
      expect.objectContaining({
        ruleId: "ecmo-cannula-insertion-percutaneous-33951",
        field: "code",
      }),
    );
    expect(await activeVersion()).toBe(1);
  });

  it("publishes a confirmed change as the caller, recording the confirmation in the audit trail", async () => {
    const published = await reword(NEW_TEXT, 1, true);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      published: { version: 2, actor: "os-user:coding-manager" },
    });
    const [entry] = await fixture.store.audit();
    expect(entry).toMatchObject({
      action: "publish",
      toVersion: 2,
      message: "reword",
      allowedPastChanges: true,
    });
  });

  it("refuses a message with markup or a control character, as the CLI does; nothing is written", async () => {
    const versions = (await fixture.store.listVersions()).length;
    for (const [message, error] of [
      ["<b>2027</b>", "the message must not hold markup characters < or > (< at character 1)"],
      [
        "ok\u001b[2J",
        "the message must not hold control, formatting or bidirectional characters (U+001B at character 3)",
      ],
    ]) {
      const refused = await publish({
        content: withChangedText("A wording of our own, birth through 5 years"),
        baseVersion: await activeVersion(),
        message,
        allowPastChanges: true,
      });
      expect(refused).toEqual({ status: 422, body: { error: `${error}; nothing was written` } });
    }
    expect((await fixture.store.listVersions()).length).toBe(versions);
  });

  it("refuses a draft whose base version is no longer active, saying what changed in between", async () => {
    const stale = await reword("Another wording, birth through 5 years", 1, true);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      conflict: {
        expected: 1,
        active: 2,
        diff: { rules: { changed: [{ id: "ecmo-cannula-insertion-percutaneous-33951" }] } },
      },
    });
    expect(await activeVersion()).toBe(2);
  });

  it("refuses malformed requests and CSV that is not a rule sheet with one readable line", async () => {
    const noMessage = await publish({
      content: editableShippedRules(),
      baseVersion: 2,
      message: "",
      allowPastChanges: false,
    });
    expect(noMessage).toMatchObject({
      status: 400,
      body: { error: "message: say why this version exists" },
    });
    expect(await send("/api/publish", "{")).toMatchObject({
      status: 400,
      body: { error: "the request body is not JSON" },
    });
    const sheet = await send("/api/csv", "procedure,code\nx,1\n", "text/csv");
    expect(sheet.status).toBe(400);
    expect(sheet.body.error).toMatch(/^the uploaded file: row 1: missing column\(s\) /);
  });

  it("rolls back only after the same past-dates check, and only from the version it saw active", async () => {
    const rollback = (body: Record<string, unknown>) => send("/api/rollback", JSON.stringify(body));
    const unconfirmed = await rollback({
      version: 1,
      expectVersion: 2,
      message: "back",
      allowPastChanges: false,
    });
    expect(unconfirmed).toMatchObject({ status: 422, body: { refused: "past-changes" } });
    const stale = await rollback({
      version: 1,
      expectVersion: 3,
      message: "back",
      allowPastChanges: true,
    });
    expect(stale).toMatchObject({ status: 409, body: { conflict: { expected: 3, active: 2 } } });
    const done = await rollback({
      version: 1,
      expectVersion: 2,
      message: "back",
      allowPastChanges: true,
    });
    expect(done).toMatchObject({ status: 200, body: { active: 1 } });
    expect(await activeVersion()).toBe(1);
  });
});
