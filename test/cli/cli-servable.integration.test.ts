import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { RuleStore } from "../../admin/rule-store.js";
import { readGoldenCases } from "../../rule-files/read-rule-files.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { largeRuleSet } from "../../support/large-rule-sets.js";
import { SETUP } from "../admin/support.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { storeOptions } from "../support/signing.js";
import { cliOnTable } from "./support.js";

// Every test here names its own table with --table: the default one is never created.
const { work, cli, ok } = cliOnTable("cli-default-unused");

const shippedCases = readGoldenCases(SHIPPED_RULES_DIR);
/** How many golden cases the shipped rule files hold, as validate counts them. */
const SHIPPED_CASES = shippedCases.ok ? shippedCases.value.length : Number.NaN;

describe("the code-rules CLI", () => {
  describe("refusing what the function could not serve, on a table of its own", () => {
    const own = `cli-servable-${Date.now()}`;
    const on = (...args: string[]) => ["--table", own, ...args];
    const everything = () => ok(...on("list", "--all", "--json"));

    beforeAll(async () => {
      await ok(...on("init"));
    });

    it("refuses to publish an empty file, or a rule set with no rules, writing nothing", async () => {
      const run = await cli(...on("publish", "/dev/null"));
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        "code-rules: /dev/null: expected a mapping with `procedures` and `rules` lists\n",
      );
      const none = join(work, "no-rules.yaml");
      writeFileSync(none, "procedures: []\nrules: []\n");
      const empty = await cli(...on("publish", none));
      expect(empty.code).toBe(1);
      expect(empty.stderr).toBe(
        `code-rules: ${none}: the rule set has no rules, so every selection would be refused; nothing was written\n  (rule set) rules: the rule set has no rules: every selection would be refused\n`,
      );
      expect(JSON.parse(await everything())).toEqual({ active: null, versions: [] });
    });

    it("refuses a 20,000-rule set before writing anything, naming the limit", async () => {
      const big = join(work, "twenty-thousand.json");
      writeFileSync(big, JSON.stringify(largeRuleSet(20_000)));
      for (const command of ["validate", "publish"]) {
        const run = await cli(...on(command, big));
        expect(run.code, command).toBe(1);
        expect(run.stderr.split("\n")[0]).toBe(
          `code-rules: ${big}: past the limits of what the function serves (the rule set has 20000 rules, over the limit of 5000 rules per version); nothing was written`,
        );
      }
      expect(JSON.parse(await everything())).toEqual({ active: null, versions: [] });
    });

    it("refuses, in validate and publish, a rule set that a golden case answers differently, naming the case", async () => {
      const folder = mkdtempSync(join(work, "golden-"));
      for (const file of readdirSync(SHIPPED_RULES_DIR)) {
        const text = readFileSync(join(SHIPPED_RULES_DIR, file), "utf8");
        // 33953 and 33954 swapped: every age of open cannula insertion gets the other code.
        writeFileSync(
          join(folder, file),
          text
            .replace('code: "33953"', 'code: "swap"')
            .replace('code: "33954"', 'code: "33953"')
            .replace('code: "swap"', 'code: "33954"'),
        );
      }
      for (const command of ["validate", "publish"]) {
        const run = await cli(...on(command, folder));
        expect(run.code, command).toBe(1);
        expect(run.stderr).toBe(
          [
            `code-rules: ${folder}: 4 of ${SHIPPED_CASES} golden case(s) fail; nothing was written`,
            '  case "insertion-open: born on the date of service is birth through 5 years": expected 33953, got 33954 (rule ecmo-cannula-insertion-open-33953)',
            '  case "insertion-open: the day before the 6th birthday is birth through 5 years": expected 33953, got 33954 (rule ecmo-cannula-insertion-open-33953)',
            '  case "insertion-open: the 6th birthday is 6 years and older": expected 33954, got 33953 (rule ecmo-cannula-insertion-open-33954)',
            '  case "insertion-open: the first date of service of 2015 is the age-banded code": expected 33953, got 33954 (rule ecmo-cannula-insertion-open-33953)',
            "",
          ].join("\n"),
        );
      }
      expect(JSON.parse(await everything())).toEqual({ active: null, versions: [] });
      expect(await ok(...on("validate", SHIPPED_RULES_DIR))).toMatch(
        new RegExp(`, ${SHIPPED_CASES} golden case\\(s\\) hold\n$`),
      );
    });

    it("refuses to remove a procedure of the active version unless --allow-removals, and gc collects an abandoned version's items", async () => {
      expect(await ok(...on("publish", SHIPPED_RULES_DIR, "-m", "shipped"))).toMatch(
        /\npublished version 1 /,
      );
      const fewer = editableShippedRules();
      fewer.procedures = fewer.procedures.filter((p) => p.key !== "ecmo-left-heart-vent-removal");
      fewer.rules = fewer.rules.filter((r) => r.procedure !== "ecmo-left-heart-vent-removal");
      const file = join(work, "fewer.yaml");
      writeFileSync(file, stringify(fewer));
      const refused = await cli(...on("publish", file, "--force"));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        "code-rules: publish refused: it removes 1 procedure(s) or code(s) that active version 1 answers with; nothing was written (--allow-removals, on a change request or with --break-glass, if that is meant)\n  ecmo-left-heart-vent-removal key: procedure ecmo-left-heart-vent-removal of the active version is removed: its selections would be refused\n",
      );
      // A publish whose pointer move loses to a concurrent one leaves an abandoned version behind.
      const losing = createDynamoClient();
      losing.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === "TransactWriteItemsCommand")
            throw new TransactionCanceledException({
              message: "another publish moved the pointer first",
              $metadata: {},
              CancellationReasons: [{ Code: "ConditionalCheckFailed" }],
            });
          return next(args);
        },
        { step: "initialize" },
      );
      const lost = await new RuleStore(losing, own, storeOptions()).publish(fewer, {
        allowPastChanges: true,
        authority: SETUP,
        actor: "bob",
        allowRemovals: true,
      });
      // The pointer still names the version read, so a failed condition on it means it was
      // rewritten meanwhile.
      expect(lost).toMatchObject({ ok: false, error: { kind: "changed-meanwhile" } });
      expect(await ok(...on("list"))).not.toMatch(/abandoned/);
      expect(await ok(...on("list", "--all"))).toMatch(/^\s+2\s+abandoned/m);
      expect(await ok(...on("gc"))).toBe(
        // Its rules, its procedures, and its compressed copy (one chunk at this size).
        `deleted ${fewer.rules.length + fewer.procedures.length + 1} item(s) of version 2 (abandoned)\n`,
      );
      expect(await ok(...on("gc"))).toBe("nothing to collect\n");
      const allowed = ["publish", file, "--force", "--allow-removals", "--allow-past-changes"];
      const alone = await cli(...on(...allowed));
      expect(alone.code).toBe(1);
      expect(alone.stderr).toBe(
        "code-rules: publish refused: one person alone cannot allow past changes or removals; a change request approved by a second person can, or --break-glass with a reason; nothing was written\n",
      );
      expect(JSON.parse(await ok(...on("list", "--json"))).active).toBe(1);
      expect(
        await ok(...on(...allowed, "--break-glass", "--reason", "vent removal retired")),
      ).toMatch(/\npublished version 3 /);
      const [newest] = (await ok(...on("audit"))).split("\n");
      expect(newest).toMatch(
        /-> 3 .* {2}\(BREAK GLASS, no second person approved: vent removal retired\) {2}\(past changes allowed\) {2}\(removals allowed\)$/,
      );
      expect(JSON.parse(await ok(...on("audit", "--json")))[0]).toMatchObject({
        action: "publish",
        toVersion: 3,
        allowedRemovals: true,
        breakGlass: "vent removal retired",
      });
    });
  });
});
