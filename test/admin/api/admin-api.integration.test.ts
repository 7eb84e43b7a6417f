import { beforeAll, describe, expect, it } from "vitest";
import {
  type AdminFixture,
  ALEX,
  adminOnFreshTable,
  SAM,
  type TokenPerson,
} from "../../support/admin-fixture.js";
import { withFutureText } from "../../support/rule-sets.js";

let fixture: AdminFixture;

beforeAll(async () => {
  fixture = await adminOnFreshTable();
});

const NOBODY: TokenPerson = { sub: "pat", name: "Pat Visitor", groups: [] };

/** Someone proposes a change to no past date of service over the active version; answers its number. */
const proposed = async (title: string, author = ALEX): Promise<number> => {
  const versions = await fixture.call(author, "GET", "/admin/v1/versions");
  const { status, body } = await fixture.call(author, "POST", "/admin/v1/requests", {
    title,
    content: withFutureText(`Percutaneous ECMO cannula insertion: ${title}`),
    baseVersion: versions.body.active,
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return (body.request as { number: number }).number;
};

describe("the studio's API, for people signed in", () => {
  it("says who is signed in, by the token's subject and name, with the roles its groups give", async () => {
    expect((await fixture.call(SAM, "GET", "/admin/v1/me")).body).toEqual({
      subject: "sam",
      name: "Sam Approver",
      roles: ["editor", "approver"],
    });
    expect((await fixture.call(ALEX, "GET", "/admin/v1/me")).body).toMatchObject({
      roles: ["editor"],
    });
  });

  it("refuses a person in neither group with 403, naming the group that is needed", async () => {
    const { status, body } = await fixture.call(NOBODY, "GET", "/admin/v1/requests");
    expect(status).toBe(403);
    expect(body).toMatchObject({ type: "urn:code-rules:problem:forbidden" });
    expect(body.detail).toContain("rule-editors");
  });

  it("lets an editor propose, refuses their approval (403), and lets the approver approve and publish", async () => {
    const number = await proposed("reworded from 2099");
    const mine = await fixture.call(ALEX, "POST", `/admin/v1/requests/${number}/approve`);
    expect(mine.status).toBe(403);
    expect(mine.body.detail).toContain("rule-approvers");
    expect((await fixture.call(SAM, "POST", `/admin/v1/requests/${number}/approve`)).status).toBe(
      200,
    );
    const published = await fixture.call(SAM, "POST", `/admin/v1/requests/${number}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ request: { state: "published" }, version: {} });
    const versions = await fixture.call(ALEX, "GET", "/admin/v1/versions");
    expect(versions.body.active).toBe((published.body.version as { version: number }).version);
  });

  it("refuses an approver's approval of their own request, in the change policy's words", async () => {
    const number = await proposed("sam's own", SAM);
    const { status, body } = await fixture.call(
      SAM,
      "POST",
      `/admin/v1/requests/${number}/approve`,
    );
    expect(status).toBe(422);
    expect(body).toMatchObject({ type: "urn:code-rules:problem:change-refused" });
    expect(String(body.detail)).toMatch(/author/);
  });

  it("shows a request with its rules' differences field by field, its impact and the names of the people in it", async () => {
    const number = await proposed("shown whole");
    await fixture.call(SAM, "POST", `/admin/v1/requests/${number}/comments`, {
      text: "Looks right",
    });
    const { status, body } = await fixture.call(SAM, "GET", `/admin/v1/requests/${number}`);
    expect(status).toBe(200);
    const diff = body.diff as {
      rules: { added: unknown[]; removed: unknown[]; changed: { fields: { field: string }[] }[] };
    };
    // Over version 1 the 2099 copy is added; over a version that has it, its text changes.
    const touched = diff.rules.added.length + diff.rules.changed.length;
    expect(touched).toBeGreaterThan(0);
    expect(diff.rules.removed).toEqual([]);
    for (const { fields } of diff.rules.changed)
      expect(fields.map(({ field }) => field)).toContain("text");
    expect(body.people).toMatchObject({
      "sign-in:alex": "Alex Editor",
      "sign-in:sam": "Sam Approver",
    });
    expect(body.request).toMatchObject({
      author: "sign-in:alex",
      comments: [{ text: "Looks right" }],
    });
  });

  it("takes an edit by its author over the revision they saw, and refuses one over a stale revision with 409", async () => {
    const number = await proposed("edited later");
    const edit = (expectRevision: number, text: string) =>
      fixture.call(ALEX, "PUT", `/admin/v1/requests/${number}`, {
        content: withFutureText(text),
        expectRevision,
      });
    const first = await edit(1, "Percutaneous ECMO cannula insertion, edited");
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.request).toMatchObject({ revision: 2 });
    const stale = await edit(1, "Percutaneous ECMO cannula insertion, edited twice");
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ type: "urn:code-rules:problem:changed-meanwhile" });
    const byOther = await fixture.call(SAM, "PUT", `/admin/v1/requests/${number}`, {
      content: withFutureText("Percutaneous ECMO cannula insertion, by sam"),
      expectRevision: 2,
    });
    expect(byOther.status).toBe(422);
    expect(byOther.body.detail).toContain("only its author");
  });

  it("answers 400 for a number that is not one, 404 for a request that does not exist, and 400 naming each bad field", async () => {
    expect((await fixture.call(ALEX, "GET", "/admin/v1/requests/abc")).status).toBe(400);
    const missing = await fixture.call(ALEX, "GET", "/admin/v1/requests/9999");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: "urn:code-rules:problem:request-not-found" });
    const bad = await fixture.call(SAM, "POST", "/admin/v1/rollback", { version: 1 });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map(({ field }) => field).sort()).toEqual([
      "expectVersion",
      "message",
    ]);
  });
});
