import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { RuleStore } from "../../admin/rule-store.js";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { keys } from "../../store/table-items.js";
import { largeRuleSet } from "../../support/large-rule-sets.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { cliOn, succeedsOn } from "../support/cli.js";
import { shippedRules } from "../support/rule-sets.js";
import { signer } from "../support/signing.js";

const work = mkdtempSync(join(tmpdir(), "code-rules-cli-"));
const table = `cli-${Date.now()}`;
const cli = cliOn(table);
const ok = succeedsOn(table);

const shipped = shippedRules();

describe("the code-rules CLI", () => {
  beforeAll(async () => {
    await ok("init");
  });

  it("runs init, publish, export, publish of an edited export, diff, rollback and audit", async () => {
    expect(
      await ok("publish", SHIPPED_RULES_DIR, "--actor", "alice", "-m", "shipped rules"),
    ).toMatch(
      new RegExp(
        `^answers that change against an empty table .*\\n(.*\\n)*published version 1 \\(${shipped.rules.length} rules`,
      ),
    );

    const exported = join(work, "v1.yaml");
    expect(await ok("export", "-o", exported)).toBe(`wrote version 1 to ${exported}\n`);
    const content = parse(readFileSync(exported, "utf8"));
    const rule = content.rules.find(
      (r: { id: string }) => r.id === "ecmo-cannula-insertion-percutaneous-33951",
    );
    rule.text = "Percutaneous ECMO cannula insertion, young child (licensed text goes here)";
    const edited = join(work, "v2.yaml");
    writeFileSync(edited, stringify(content));
    expect(
      await ok("publish", edited, "--actor", "bob", "-m", "our own text", "--allow-past-changes"),
    ).toMatch(/\npublished version 2 /);

    expect(await ok("diff", "1", "2")).toBe(
      `~ rule ecmo-cannula-insertion-percutaneous-33951 text: "Insert ECMO/ECLS peripheral cannula(s) through the skin (percutaneous), birth through 5 years" -> "Percutaneous ECMO cannula insertion, young child (licensed text goes here)"\n`,
    );
    expect(
      await ok("rollback", "1", "--actor", "carol", "-m", "undo", "--allow-past-changes"),
    ).toMatch(/\nversion 1 is active again\n$/);

    const audit = JSON.parse(await ok("audit", "--json")) as {
      action: string;
      actor: string;
      actorNote: string;
      at: string;
      fromVersion: number | null;
      toVersion: number;
      allowedPastChanges?: true;
    }[];
    expect(audit.map((e) => [e.action, e.actorNote, e.fromVersion, e.toVersion])).toEqual([
      ["rollback", "carol", 2, 1],
      ["publish", "bob", 1, 2],
      ["publish", "alice", null, 1],
    ]);
    expect(audit.map((e) => e.allowedPastChanges ?? false)).toEqual([true, true, false]);
    for (const entry of audit) expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await ok("audit")).toMatch(/rollback\s+2 -> 1\s+os-user:\S+ \(carol\)\s+undo/);
    expect(await ok("list")).toMatch(/^\*\s+1\s+published/m);
  });

  it("round-trips an export: re-publishing it is refused as unchanged", async () => {
    const file = join(work, "roundtrip.json");
    await ok("export", "--format", "json", "-o", file);
    const again = await cli("publish", file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^code-rules: the rule set is identical to active version \d+; nothing to publish\n$/,
    );
  });

  it("prints the changes of a dry run and writes nothing", async () => {
    const before = await ok("list", "--json");
    const dry = await ok("publish", SHIPPED_RULES_DIR, "--dry-run", "--force");
    expect(dry).toMatch(
      new RegExp(
        `is valid: ${shipped.rules.length} rules in ${shipped.procedures.length} procedures\nchanges against active version \\d+:\n`,
      ),
    );
    expect(dry).toMatch(/\(dry run: nothing was written\)\n$/);
    expect(await ok("list", "--json")).toBe(before);
  });

  it("refuses an invalid file with one summary line and each problem, writing nothing", async () => {
    const bad = join(work, "bad.yaml");
    writeFileSync(
      bad,
      readFileSync(join(SHIPPED_RULES_DIR, "ecmo-support.yaml"), "utf8").replace(
        'code: "33946"',
        'code: "3394"',
      ),
    );
    const run = await cli("publish", bad);
    expect(run.code).toBe(1);
    const [summary, ...details] = run.stderr.trimEnd().split("\n");
    expect(summary).toBe(`code-rules: ${bad}: 1 problem(s); nothing was written`);
    expect(details).toEqual([
      expect.stringContaining('ecmo-initiation-vv-33946 code: "3394" is not a CPT Category I code'),
    ]);
  });

  it.each([
    [["validate", "no/such/path"], /^code-rules: no\/such\/path: no such file or folder\n$/],
    [["show", "99"], /^code-rules: there is no version 99\n$/],
    [["rollback", "99"], /^code-rules: version 99 is not a published version\n$/],
    [
      ["rollback", "one"],
      /^error: command-argument value 'one' is invalid for argument 'version'. must be a whole number\n$/,
    ],
  ])("exits non-zero with one readable line for %j", async (args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("refuses to run without a table", async () => {
    const run = await cliOn("")("list");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("code-rules: no table: pass --table NAME or set CODE_RULES_TABLE\n");
  });

  describe("on a table of its own, with the shipped rules as version 1", () => {
    const own = `cli-impact-${Date.now()}`;
    const on = (...args: string[]) => ["--table", own, ...args];
    const PERCUTANEOUS = "ecmo-cannula-insertion-percutaneous";

    beforeAll(async () => {
      await ok(...on("init"));
      expect(await ok(...on("publish", SHIPPED_RULES_DIR, "-m", "shipped rules"))).toMatch(
        /\npublished version 1 /,
      );
    });

    /** The shipped rules in one file, with 33952 from the 5th birthday and 33951 through 4 years. */
    const movedToFive = (): string => {
      const ruleSet = shippedRules();
      for (const rule of ruleSet.rules) {
        if (rule.id === `${PERCUTANEOUS}-33951`) {
          rule.text =
            "Insert ECMO/ECLS peripheral cannula(s) through the skin, birth through 4 years";
          rule.band = {
            label: "birth through 4 years",
            lower: { value: 0, unit: "years", inclusive: true },
            upper: { value: 4, unit: "years", inclusive: true },
          };
        }
        if (rule.id === `${PERCUTANEOUS}-33952`) {
          rule.text = "Insert ECMO/ECLS peripheral cannula(s) through the skin, 5 years and older";
          rule.band = {
            label: "5 years and older",
            lower: { value: 5, unit: "years", inclusive: true },
          };
        }
      }
      const file = join(work, "moved-to-five.yaml");
      writeFileSync(file, stringify({ baseVersion: 1, ...ruleSet }));
      return file;
    };

    const MOVED_REGION = `${PERCUTANEOUS}: ages 5 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33952`;

    it("shows the impact of moving 33952's band to 5 years, refuses to publish it over past dates of service, and publishes it when told", async () => {
      const file = movedToFive();
      expect(await ok(...on("impact", "1", file))).toBe(
        [
          `answers that change from version 1 to ${file} (earliest date of service 2015-01-01):`,
          `  ${PERCUTANEOUS}: ages 0 y 0 m 0 d through 4 y 11 m 30 d, dates of service from 2015-01-01: 33951 → 33951 (text changed)`,
          `  ${MOVED_REGION}`,
          `  ${PERCUTANEOUS}: ages 6 y 0 m 0 d and older, dates of service from 2015-01-01: 33952 → 33952 (text changed)`,
          "",
        ].join("\n"),
      );
      const json = JSON.parse(await ok(...on("impact", "1", file, "--json")));
      expect(json.earliestChange).toBe("2015-01-01");
      expect(json.regions[1]).toMatchObject({
        procedure: PERCUTANEOUS,
        ages: {
          atLeast: [{ value: 5, unit: "years" }],
          youngerThan: [{ value: 6, unit: "years" }],
        },
        datesOfService: { from: "2015-01-01" },
        before: { code: "33951" },
        after: { code: "33952" },
        description: MOVED_REGION,
      });

      const dry = await ok(...on("publish", file, "--dry-run"));
      expect(dry).toContain(`\n  ${MOVED_REGION}\n`);
      expect(dry).toMatch(
        /\n\(publish would be refused: it changes answers for dates of service from 2015-01-01, before \d{4}-\d{2}-\d{2} \(--allow-past-changes\)\)\n$/,
      );

      const refused = await cli(...on("publish", file, "--force"));
      expect(refused.code).toBe(1);
      const [summary, ...regions] = refused.stderr.trimEnd().split("\n");
      expect(summary).toBe(
        `code-rules: publish refused: it changes answers for dates of service from 2015-01-01, before ${new Date().toISOString().slice(0, 10)}; nothing was written (pass --allow-past-changes if that is meant)`,
      );
      expect(regions).toContain(`  ${MOVED_REGION}`);
      expect(regions).toHaveLength(3);
      expect(JSON.parse(await ok(...on("list", "--json"))).versions).toHaveLength(1);

      const published = await ok(...on("publish", file, "--allow-past-changes", "-m", "band at 5"));
      expect(published).toContain(`\n  ${MOVED_REGION}\n`);
      expect(published).toMatch(/\npublished version 2 /);
      const [entry] = JSON.parse(await ok(...on("audit", "--json")));
      expect(entry).toMatchObject({ action: "publish", toVersion: 2, allowedPastChanges: true });

      const rollback = await cli(...on("rollback", "1"));
      expect(rollback.code).toBe(1);
      expect(rollback.stderr).toMatch(
        /^code-rules: rollback refused: it changes answers for dates of service from 2015-01-01/,
      );
      expect(rollback.stderr).toContain(`: 33952 → 33951\n`);
      expect(await ok(...on("rollback", "1", "--allow-past-changes"))).toMatch(
        /\nversion 1 is active again\n$/,
      );
    });

    it("publishes a yearly update without the flag: old rules end, new ones start on the new year's first date", async () => {
      const ruleSet = shippedRules();
      const next = ruleSet.rules
        .filter(
          (rule) => rule.procedure === PERCUTANEOUS && !(rule.effective as { to?: string }).to,
        )
        .map((rule) => {
          rule.effective = { from: "2015-01-01", to: "2026-12-31" };
          return {
            ...rule,
            id: `${rule.id}-2027`,
            text: `${rule.text} (2027 text)`,
            effective: { from: "2027-01-01" },
          };
        });
      ruleSet.rules.push(...next);
      const file = join(work, "yearly-update.yaml");
      writeFileSync(file, stringify({ baseVersion: 1, ...ruleSet }));

      const impact = await ok(...on("impact", "1", file));
      expect(impact).toMatch(
        /^answers that change from version 1 to .* \(earliest date of service 2027-01-01\):\n/,
      );
      expect(impact).toContain(
        `  ${PERCUTANEOUS}: ages 0 y 0 m 0 d through 5 y 11 m 30 d, dates of service from 2027-01-01: 33951 → 33951 (text changed)\n`,
      );
      const late = await cli(...on("publish", file, "--as-of", "2027-01-02"));
      expect(late.code).toBe(1);
      expect(late.stderr).toMatch(/from 2027-01-01, before 2027-01-02;/);
      expect(
        await ok(...on("publish", file, "-m", "2027 update", "--as-of", "2026-12-15")),
      ).toMatch(/\npublished version 3 /);
      const [entry] = JSON.parse(await ok(...on("audit", "--json")));
      expect(entry).toMatchObject({ action: "publish", toVersion: 3 });
      expect(entry.allowedPastChanges).toBeUndefined();
    });

    it("refuses an --as-of that is not a date", async () => {
      const run = await cli(...on("publish", SHIPPED_RULES_DIR, "--as-of", "2026-02-30"));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /'--as-of <date>' argument '2026-02-30' is invalid. the date 2026-02-30 is not a day of the calendar/,
      );
      // commander repeats the argument it refuses; a terminal escape in it is shown, not sent.
      const escaped = await cli(...on("publish", SHIPPED_RULES_DIR, "--as-of", "2026\u001b[2J"));
      expect(escaped.code).toBe(1);
      expect(escaped.stderr).not.toContain("\u001b");
      expect(escaped.stderr).toContain("argument '2026\\u001b[2J' is invalid");
    });
  });

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
            `code-rules: ${folder}: 4 of 225 golden case(s) fail; nothing was written`,
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
        /, 225 golden case\(s\) hold\n$/,
      );
    });

    it("refuses to remove a procedure of the active version unless --allow-removals, and gc collects an abandoned version's items", async () => {
      expect(await ok(...on("publish", SHIPPED_RULES_DIR, "-m", "shipped"))).toMatch(
        /\npublished version 1 /,
      );
      const fewer = shippedRules();
      fewer.procedures = fewer.procedures.filter((p) => p.key !== "ecmo-left-heart-vent-removal");
      fewer.rules = fewer.rules.filter((r) => r.procedure !== "ecmo-left-heart-vent-removal");
      const file = join(work, "fewer.yaml");
      writeFileSync(file, stringify(fewer));
      const refused = await cli(...on("publish", file, "--force"));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        "code-rules: publish refused: it removes 1 procedure(s) or code(s) that active version 1 answers with; nothing was written (pass --allow-removals if that is meant)\n  ecmo-left-heart-vent-removal key: procedure ecmo-left-heart-vent-removal of the active version is removed: its selections would be refused\n",
      );
      // A publish that loses to a concurrent one leaves an abandoned version behind.
      const lost = await new RuleStore(createDynamoClient(), own, signer).publish(fewer, {
        actor: "bob",
        expectVersion: 7,
        allowRemovals: true,
      });
      expect(lost).toMatchObject({ ok: false, error: { kind: "conflict" } });
      expect(await ok(...on("list"))).not.toMatch(/abandoned/);
      expect(await ok(...on("list", "--all"))).toMatch(/^\s+2\s+abandoned/m);
      expect(await ok(...on("gc"))).toBe(
        `deleted ${fewer.rules.length + fewer.procedures.length} item(s) of version 2 (abandoned)\n`,
      );
      expect(await ok(...on("gc"))).toBe("nothing to collect\n");
      expect(
        await ok(...on("publish", file, "--force", "--allow-removals", "--allow-past-changes")),
      ).toMatch(/\npublished version 3 /);
    });
  });

  describe("on hostile text", () => {
    const ESC = "\u001b";

    it("refuses <script> and a control character in validate, naming the rule and field", async () => {
      const hostile = shippedRules();
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
      for (const command of ["list", "audit", "show"]) {
        const printed = await ok(...on(command, ...(command === "show" ? ["1"] : [])));
        expect(printed, command).not.toContain(ESC);
        expect(printed, command).toContain("\\u001b[2Jmallory");
        expect(printed, command).toContain("ok\\u000a2026-01-01T00:00:00.000Z  publish  1 -> 99");
      }
      expect((await ok(...on("audit"))).trimEnd().split("\n")).toHaveLength(1);
      const json = await ok(...on("audit", "--json"));
      expect(json).not.toContain(ESC);
      expect(JSON.parse(json)[0].actorNote).toBe(`${ESC}[2Jmallory`);
    });
  });

  it("reports a broken YAML file with its line", async () => {
    const broken = join(work, "broken.yaml");
    writeFileSync(broken, "procedures:\n  - key: x\n   name: bad indent\n");
    const run = await cli("validate", broken);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^code-rules: ${broken}:\\d+: not valid YAML`));
  });
});
