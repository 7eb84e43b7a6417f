import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { createService } from "../../lambda/service.js";
import { ruleSetChecksum } from "../../store/checksum.js";
import { keys } from "../../store/table-items.js";
import { VersionReader } from "../../store/version-reader.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { editStoredRule } from "../store/stored-copies.js";
import { apiEvent, toAnswer } from "../support/api.js";
import { cliOn, succeedsOn } from "../support/cli.js";
import { publicKey } from "../support/signing.js";
import { dynamoClient, freshTable } from "../support/tables.js";
import { BREAK_GLASS } from "./support.js";

const client = dynamoClient();
const work = mkdtempSync(join(tmpdir(), "code-rules-tamper-"));
const PERCUTANEOUS_33951 = "ecmo-cannula-insertion-percutaneous-33951";

/** A table with the shipped rules as version 1 and an edit of them as version 2, by the CLI. */
const publishedTwice = async () => {
  const table = await freshTable("tamper");
  const ok = succeedsOn(table);
  await ok("publish", SHIPPED_RULES_DIR, "-m", "shipped rules");
  const exported = join(work, `${table}.yaml`);
  await ok("export", "-o", exported);
  writeFileSync(
    exported,
    readFileSync(exported, "utf8").replace(
      "Insert ECMO/ECLS peripheral cannula(s) through the skin (percutaneous)",
      "Percutaneous ECMO cannula insertion (our text)",
    ),
  );
  await ok("publish", exported, "-m", "our text", "--allow-past-changes", ...BREAK_GLASS);
  return { table, ok, cli: cliOn(table) };
};

const selectPinned = async (table: string, ruleVersion?: number) => {
  const { handle } = createService({ tableName: table, ttlSeconds: 5, publicKey });
  return toAnswer(
    await handle(
      apiEvent("POST", "/v1/select", {
        procedure: "ecmo-cannula-insertion-percutaneous",
        dateOfBirth: "2022-03-01",
        dateOfService: "2026-11-24",
        ...(ruleVersion === undefined ? {} : { ruleVersion }),
      }),
    ),
  );
};

describe("tamper evidence on DynamoDB Local", () => {
  let table: string;
  let ok: (...args: string[]) => Promise<string>;
  let cli: ReturnType<typeof cliOn>;

  beforeAll(async () => {
    ({ table, ok, cli } = await publishedTwice());
  });

  it("verifies an untouched audit trail", async () => {
    expect(await ok("audit", "--verify")).toMatch(
      /^the audit trail holds: 2 entries, each chained to the one before and signed; head [0-9a-f]{12}; reaches the head kept in .+\.jsonl \(entry 2\)\n$/,
    );
  });

  it("names the head kept beside the data when the whole trail is deleted, head and all, and exits 4", async () => {
    const fresh = await publishedTwice();
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: fresh.table,
        KeyConditionExpression: "pk = :audit",
        ExpressionAttributeValues: { ":audit": keys.audit },
      }),
    );
    for (const { pk, sk } of [...Items, { pk: keys.pointer, sk: keys.auditHead }])
      await client.send(new DeleteCommand({ TableName: fresh.table, Key: { pk, sk } }));
    const run = await fresh.cli("audit", "--verify");
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      new RegExp(
        `^code-rules: the audit trail is broken: the head kept in .+/${fresh.table}\\.jsonl is entry 2 \\(hash [0-9a-f]{12}…\\), but the trail ends at entry 0`,
      ),
    );
  });

  it("never serves a version whose content was rewritten (its rule item and its compressed copy) and its checksum re-stamped", async () => {
    const fresh = await publishedTwice();
    await editStoredRule(client, fresh.table, 2, PERCUTANEOUS_33951, { code: "33952" });
    const stored = await new VersionReader(client, fresh.table).readVersion(2);
    const metaKey = { pk: keys.versions, sk: keys.version(2) };
    const meta = await client.send(new GetCommand({ TableName: fresh.table, Key: metaKey }));
    await client.send(
      new PutCommand({
        TableName: fresh.table,
        Item: {
          ...meta.Item,
          checksum: ruleSetChecksum(stored?.content ?? { procedures: [], rules: [] }),
        },
      }),
    );
    expect(await selectPinned(fresh.table, 2)).toMatchObject({
      status: 422,
      body: {
        type: "urn:code-rules:problem:version-rejected",
        detail: expect.stringContaining("its signature does not verify"),
      },
    });
    // The active version is the rewritten one: nothing good is left to serve, so no code is given.
    expect((await selectPinned(fresh.table)).status).toBe(503);
  });

  it("reads nothing a direct edit changed: show, export, diff, impact and a publish built on it refuse it", async () => {
    const fresh = await publishedTwice();
    const key = { pk: keys.content(1), sk: keys.rule(PERCUTANEOUS_33951) };
    const { Item } = await client.send(new GetCommand({ TableName: fresh.table, Key: key }));
    await client.send(
      new PutCommand({
        TableName: fresh.table,
        Item: { ...Item, rule: { ...Item?.rule, code: "33952" } },
      }),
    );
    for (const command of [
      ["show", "1"],
      ["export", "1"],
      ["diff", "1", "2"],
      ["impact", "1", "2"],
      ["rollback", "1", ...BREAK_GLASS],
    ]) {
      const run = await fresh.cli(...command);
      expect(run.code, command.join(" ")).toBe(4);
      expect(run.stderr, command.join(" ")).toMatch(
        /^code-rules: version 1 fails verification: its content does not match its checksum; it is never served, shown or built on\n$/,
      );
    }
    expect((await selectPinned(fresh.table)).status).toBe(200);
  });

  it("revokes a version: a pinned request for it answers 404 revoked, and the audit records it", async () => {
    expect(await ok("revoke", "1", "--reason", "band edge wrong")).toBe(
      "version 1 is revoked: it is never served again, even pinned\n",
    );
    expect(await selectPinned(table, 1)).toMatchObject({
      status: 404,
      body: {
        type: "urn:code-rules:problem:revoked",
        detail: "rule version 1 is revoked: band edge wrong",
      },
    });
    expect((await selectPinned(table, 2)).status).toBe(200);
    expect(await ok("show", "1")).toMatch(
      /\nsigned by {2}local:\S+signing-key\.pem\nrevoked {4}\S+ by os-user:\S+: band edge wrong\n/,
    );
    expect(await ok("audit")).toMatch(/^\S+\s+revoke\s+none -> 1\s+\S+\s+band edge wrong\n/);
    expect(await ok("audit", "--verify")).toMatch(/holds: 3 entries/);
  });

  it("refuses to revoke the active version, and to revoke without a reason", async () => {
    const active = await cli("revoke", "2", "--reason", "x");
    expect(active).toMatchObject({
      code: 1,
      stderr: "code-rules: version 2 is active; roll back from it before revoking it\n",
    });
    const reasonless = await cli("revoke", "1");
    expect(reasonless.code).toBe(1);
    expect(reasonless.stderr).toMatch(/required option '--reason <text>' not specified/);
  });

  it("names the audit entry that was rewritten directly, and exits 4", async () => {
    const fresh = await publishedTwice();
    const { Items } = await client.send(
      new QueryCommand({
        TableName: fresh.table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.audit },
      }),
    );
    const first = Items?.find((item) => item.sequence === 1);
    await client.send(
      new PutCommand({
        TableName: fresh.table,
        Item: { ...first, actor: "arn:aws:iam::123456789012:user/someone-else" },
      }),
    );
    const run = await fresh.cli("audit", "--verify");
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /^code-rules: audit entry 1 \(\S+\s+publish\s+none -> 1\s+arn:aws:iam::123456789012:user\/someone-else\s+shipped rules\) is broken: its content does not match its hash\n$/,
    );
  });
});
