import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { keys } from "../../store/table-items.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { cliOnTable } from "./support.js";

// Validate reads no table, and every other test here names its own with --table.
const { work, cli, ok } = cliOnTable("cli-default-unused");

describe("the code-rules CLI", () => {
  describe("on hostile text", () => {
    const ESC = "\u001b";

    it("refuses <script> and a control character in validate, naming the rule and field", async () => {
      const hostile = editableShippedRules();
      const [first, second] = hostile.rules;
      if (!first || !second) throw new Error("the shipped rules have fewer than two rules");
      first.text = "<script>alert(1)</script>";
      second.band = { ...(second.band as object), label: `${ESC}[2Jcleared` };
      const file = join(work, "hostile.yaml");
      writeFileSync(file, stringify(hostile));
      const run = await cli("validate", file);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain(ESC);
      expect(run.stderr.trimEnd().split("\n").slice(1)).toEqual(
        expect.arrayContaining([
          `  ${first.id} text: must not hold markup characters < or > (< at character 1)`,
          `  ${second.id} band.label: must not hold control, formatting or bidirectional characters (U+001B at character 1)`,
        ]),
      );
    });

    it("refuses a message, reason or actor note with markup, a forged line, a terminal escape or too many characters, writing nothing", async () => {
      const own = `cli-notes-${Date.now()}`;
      const on = (...args: string[]) => ["--table", own, ...args];
      await ok(...on("init"));
      const forged = "ok\n2026-01-01T00:00:00.000Z  publish  1 -> 99  alice";
      for (const args of [
        ["publish", SHIPPED_RULES_DIR, "-m", "<b>2027</b>"],
        ["publish", SHIPPED_RULES_DIR, "--dry-run", "-m", forged],
        ["--actor", `${ESC}[2Jmallory`, "rollback", "1"],
        ["revoke", "1", "--reason", "r".repeat(501)],
      ]) {
        const run = await cli(...on(...args));
        expect(run.code, args.join(" ")).toBe(1);
        expect(run.stderr).toMatch(
          /^code-rules: the (message|actor note|reason) [^\n]*; nothing was written\n$/,
        );
        expect(run.stderr).not.toContain(ESC);
      }
      expect(JSON.parse(await ok(...on("list", "--json", "--all")))).toEqual({
        active: null,
        versions: [],
      });
    });

    it("prints a stored message and actor with their newlines and escapes shown, one line an entry", async () => {
      // Text stored before notes were checked, or written into the table by another hand.
      const own = `cli-hostile-${Date.now()}`;
      const on = (...args: string[]) => ["--table", own, ...args];
      await ok(...on("init"));
      await ok(...on("publish", SHIPPED_RULES_DIR, "--actor", "mallory", "-m", "ok"));
      const hostile = {
        actorNote: `${ESC}[2Jmallory`,
        message: "ok\n2026-01-01T00:00:00.000Z  publish  1 -> 99  alice",
      };
      const documents = DynamoDBDocumentClient.from(createDynamoClient());
      const audit = await documents.send(
        new QueryCommand({
          TableName: own,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": keys.audit },
        }),
      );
      const meta = await documents.send(
        new GetCommand({ TableName: own, Key: { pk: keys.versions, sk: keys.version(1) } }),
      );
      for (const item of [...(audit.Items ?? []), meta.Item])
        await documents.send(new PutCommand({ TableName: own, Item: { ...item, ...hostile } }));
      for (const command of ["list", "audit"]) {
        const printed = await ok(...on(command));
        expect(printed, command).not.toContain(ESC);
        expect(printed, command).toContain("\\u001b[2Jmallory");
        expect(printed, command).toContain("ok\\u000a2026-01-01T00:00:00.000Z  publish  1 -> 99");
      }
      // The version's signed message was changed: `show` refuses it, and says so without it.
      const shown = await cli(...on("show", "1"));
      expect(shown.code).toBe(4);
      expect(shown.stderr).toMatch(
        /^code-rules: version 1 fails verification: its signature does not verify/,
      );
      expect(shown.stderr).not.toContain(ESC);
      expect((await ok(...on("audit"))).trimEnd().split("\n")).toHaveLength(1);
      const json = await ok(...on("audit", "--json"));
      expect(json).not.toContain(ESC);
      expect(JSON.parse(json)[0].actorNote).toBe(`${ESC}[2Jmallory`);
    });
  });
});
