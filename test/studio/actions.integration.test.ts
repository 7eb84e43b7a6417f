import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EditableRuleSet,
  editableShippedRules,
  withChangedText,
  withFutureText,
} from "../support/rule-sets.js";
import {
  publishedByOthers,
  type StudioFixture,
  studioOnFreshTable,
  today,
} from "./studio-fixture.js";

let fixture: StudioFixture;

beforeAll(async () => {
  fixture = await studioOnFreshTable();
});

afterAll(async () => {
  await fixture?.stop();
});

type Answer = { status: number; body: Record<string, unknown> };

const answerOf = async (response: Response): Promise<Answer> => ({
  status: response.status,
  body: (await response.json()) as Record<string, unknown>,
});

/** A request from the studio's own page: the secret's cookie and its origin. */
const send = async (path: string, body: string, type = "application/json") =>
  answerOf(
    await fetch(`${fixture.studio.origin}${path}`, {
      method: "POST",
      headers: {
        cookie: fixture.studio.cookie,
        origin: fixture.studio.origin,
        "content-type": type,
      },
      body,
    }),
  );
const read = async (path: string) =>
  answerOf(
    await fetch(`${fixture.studio.origin}${path}`, { headers: { cookie: fixture.studio.cookie } }),
  );
const propose = (body: Record<string, unknown>) => send("/api/requests", JSON.stringify(body));
const rollback = (body: Record<string, unknown>) => send("/api/rollback", JSON.stringify(body));
const activeVersion = async () => (await fixture.store.activePointer())?.version;
const requestCount = async () => (await fixture.store.requests.list()).length;

const NEW_TEXT = "Percutaneous ECMO/ECLS cannula insertion (ours)";

/** 33951 reworded (a change to answers since 2015), proposed over `baseVersion`. */
const reword = (text: string, baseVersion: number, allowPastChanges: boolean) =>
  propose({ content: withChangedText(text), baseVersion, title: "reword", allowPastChanges });

const withoutVentRemoval = (): EditableRuleSet => {
  const fewer = editableShippedRules();
  fewer.procedures = fewer.procedures.filter((p) => p.key !== "ecmo-left-heart-vent-removal");
  fewer.rules = fewer.rules.filter((r) => r.procedure !== "ecmo-left-heart-vent-removal");
  return fewer;
};

describe("the studio proposing a draft", () => {
  it("opens a change request in review as the caller, listed newest first without its rules; nothing goes live", async () => {
    const proposed = await reword(NEW_TEXT, 1, true);
    expect(proposed.status).toBe(201);
    expect(proposed.body.request).toMatchObject({
      number: 1,
      state: "in-review",
      title: "reword",
      author: "os-user:coding-manager",
      baseVersion: 1,
      allowPastChanges: true,
      approvals: [],
    });
    expect(proposed.body.request).not.toHaveProperty("content");
    const listed = await read("/api/requests");
    expect(listed).toMatchObject({
      status: 200,
      body: {
        approvalsRequired: 1,
        requests: [
          {
            number: 1,
            state: "in-review",
            open: true,
            title: "reword",
            author: "os-user:coding-manager",
            baseVersion: 1,
            allowPastChanges: true,
            approvedBy: [],
            approvals: 0,
            approvalsRequired: 1,
            conflicts: 0,
            comments: 0,
            publishedVersion: null,
          },
        ],
      },
    });
    expect(JSON.stringify(listed.body)).not.toContain(NEW_TEXT);
    expect(await activeVersion()).toBe(1);
    expect((await fixture.store.listVersions()).length).toBe(1);
    const [entry] = await fixture.store.audit();
    expect(entry).toMatchObject({
      action: "request",
      request: 1,
      event: "created",
      actor: "os-user:coding-manager",
    });
  });

  it("is refused, with the policy's sentence, a draft that re-codes past dates of service without asking leave", async () => {
    const refused = await reword("Another wording", 1, false);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: `change request refused: it changes answers for dates of service from 2015-01-01, before ${today()}; nothing was written`,
      refused: "past-changes",
      regions: [{ before: { code: "33951" } }],
    });
    expect(await requestCount()).toBe(1);
  });

  it("is refused a draft that removes a procedure, with the store's own sentence", async () => {
    const refused = await propose({
      content: withoutVentRemoval(),
      baseVersion: 1,
      title: "fewer",
      allowPastChanges: true,
    });
    const store = await fixture.store.requests.create(
      { title: "fewer", content: withoutVentRemoval(), baseVersion: 1, allowPastChanges: true },
      { actor: "os-user:coding-manager" },
    );
    expect(store.ok).toBe(false);
    expect(refused).toMatchObject({
      status: 422,
      body: {
        error: store.ok ? "" : store.error.message,
        refused: "removals",
        problems: [expect.objectContaining({ procedure: "ecmo-left-heart-vent-removal" })],
      },
    });
    expect(refused.body.error).toBe(
      "change request refused: it removes 1 procedure(s) or code(s) that active version 1 answers with; nothing was written",
    );
    expect(await requestCount()).toBe(1);
  });

  it("is refused a draft with problems by the store, each named at its rule and field", async () => {
    const rules = editableShippedRules();
    const rule = rules.rules.find((r) => r.id === "ecmo-cannula-insertion-percutaneous-33951");
    if (!rule) throw new Error("no 33951");
    rule.code = "3395";
    const refused = await propose({
      content: rules,
      baseVersion: 1,
      title: "x",
      allowPastChanges: true,
    });
    expect(refused).toMatchObject({ status: 422, body: { refused: "invalid-rules" } });
    expect(refused.body.problems).toContainEqual(
      expect.objectContaining({
        ruleId: "ecmo-cannula-insertion-percutaneous-33951",
        field: "code",
      }),
    );
    expect(await requestCount()).toBe(1);
  });

  it("is refused a title with markup or a control character, as the CLI is; nothing is written", async () => {
    for (const [title, error] of [
      ["<b>2027</b>", "the title must not hold markup characters < or > (< at character 1)"],
      [
        "ok\u001b[2J",
        "the title must not hold control, formatting or bidirectional characters (U+001B at character 3)",
      ],
    ]) {
      const refused = await propose({
        content: withChangedText("A wording of our own"),
        baseVersion: 1,
        title,
        allowPastChanges: true,
      });
      expect(refused).toEqual({
        status: 422,
        body: { error: `${error}; nothing was written`, refused: "invalid-note" },
      });
    }
    expect(await requestCount()).toBe(1);
  });

  it("is refused a draft whose base version is no longer active, saying what changed in between", async () => {
    expect(await publishedByOthers(fixture.store, withChangedText(NEW_TEXT), "theirs")).toBe(2);
    const stale = await reword("Another wording", 1, true);
    expect(stale).toMatchObject({
      status: 409,
      body: {
        error:
          "expected version 1 to be active, but version 2 is; change request refused; nothing was written",
        refused: "conflict",
        conflict: {
          expected: 1,
          active: 2,
          diff: { rules: { changed: [{ id: "ecmo-cannula-insertion-percutaneous-33951" }] } },
        },
      },
    });
    expect(await activeVersion()).toBe(2);
  });

  it("refuses malformed requests, the old publish path and CSV that is not a rule sheet with one readable line", async () => {
    const noTitle = await propose({
      content: editableShippedRules(),
      baseVersion: 2,
      title: "",
      allowPastChanges: false,
    });
    expect(noTitle).toEqual({
      status: 400,
      body: { error: "title: say what the change is and why" },
    });
    expect(await send("/api/requests", "{")).toEqual({
      status: 400,
      body: { error: "the request body is not JSON" },
    });
    // Nothing publishes from the studio: a draft goes live only as an approved change request.
    expect(await send("/api/publish", "{}")).toEqual({
      status: 404,
      body: { error: "no route POST /api/publish" },
    });
    const sheet = await send("/api/csv", "procedure,code\nx,1\n", "text/csv");
    expect(sheet.status).toBe(400);
    expect(sheet.body.error).toMatch(/^the uploaded file: row 1: missing column\(s\) /);
  });
});

describe("the studio rolling back", () => {
  it("is refused, with the policy's sentence, a rollback that re-codes past dates of service: one person cannot allow it", async () => {
    const refused = await rollback({ version: 1, expectVersion: 2, message: "back" });
    expect(refused).toMatchObject({
      status: 422,
      body: {
        error: `rollback refused: it changes answers for dates of service from 2015-01-01, before ${today()}; nothing was written`,
        refused: "past-changes",
      },
    });
    // There is no leave to send: the studio's rollback is one person's.
    const withLeave = await rollback({
      version: 1,
      expectVersion: 2,
      message: "back",
      allowPastChanges: true,
    });
    expect(withLeave.status).toBe(400);
    expect(await activeVersion()).toBe(2);
  });

  it("rolls back a change to no past answer, only from the version it saw active", async () => {
    const future = withFutureText("From 2099", undefined, withChangedText(NEW_TEXT));
    expect(await publishedByOthers(fixture.store, future, "from 2099")).toBe(3);
    const stale = await rollback({ version: 2, expectVersion: 2, message: "back" });
    expect(stale).toMatchObject({
      status: 409,
      body: { refused: "conflict", conflict: { expected: 2, active: 3 } },
    });
    expect(await rollback({ version: 9, expectVersion: 3, message: "back" })).toEqual({
      status: 404,
      body: { error: "version 9 is not a published version", refused: "version-not-found" },
    });
    const done = await rollback({ version: 2, expectVersion: 3, message: "back" });
    expect(done).toEqual({ status: 200, body: { active: 2 } });
    expect(await activeVersion()).toBe(2);
    const [entry] = await fixture.store.audit();
    expect(entry).toMatchObject({
      action: "rollback",
      fromVersion: 3,
      toVersion: 2,
      actor: "os-user:coding-manager",
      message: "back",
    });
  });
});
