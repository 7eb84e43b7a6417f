import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { cliOn } from "../support/cli.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { BREAK_GLASS, cliOnTable } from "./support.js";

const { work, cli, ok, okAs } = cliOnTable(`cli-${Date.now()}`);

const shipped = editableShippedRules();

describe("the code-rules CLI", () => {
  beforeAll(async () => {
    await ok("init");
  });

  it("runs init, publish, export, a change request of an edited export approved by a second person, diff, rollback and audit", async () => {
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
    rule.text = "Percutaneous ECMO cannula insertion (licensed text goes here)";
    const edited = join(work, "v2.yaml");
    writeFileSync(edited, stringify(content));
    expect(
      await okAs("bob")("change", "create", edited, "-m", "our own text", "--allow-past-changes"),
    ).toMatch(/^change request 1 created against version 1, in review/);
    expect(await okAs("sam")("change", "approve", "1")).toMatch(/^change request 1 is approved/);
    expect(await okAs("bob")("change", "publish", "1")).toMatch(
      /^change request 1 is published as version 2 /,
    );

    expect(await ok("diff", "1", "2")).toBe(
      `~ rule ecmo-cannula-insertion-percutaneous-33951 text: "Insert ECMO/ECLS peripheral cannula(s) through the skin (percutaneous)" -> "Percutaneous ECMO cannula insertion (licensed text goes here)"\n`,
    );
    const rollingBack = ["rollback", "1", "--actor", "carol", "-m", "undo", "--allow-past-changes"];
    const alone = await cli(...rollingBack);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toBe(
      "code-rules: rollback refused: one person alone cannot allow past changes or removals; a change request approved by a second person can, or --break-glass with a reason; nothing was written\n",
    );
    expect(
      await ok(...rollingBack, "--break-glass", "--reason", "our own text reads wrong"),
    ).toMatch(/\nversion 1 is active again\n$/);

    const audit = JSON.parse(await ok("audit", "--json")) as {
      action: string;
      actor: string;
      actorNote?: string;
      at: string;
      fromVersion?: number | null;
      toVersion?: number;
      allowedPastChanges?: true;
      breakGlass?: string;
    }[];
    expect(audit).toMatchObject([
      {
        action: "rollback",
        actor: expect.stringMatching(/^os-user:/),
        actorNote: "carol",
        fromVersion: 2,
        toVersion: 1,
        breakGlass: "our own text reads wrong",
      },
      {
        action: "publish",
        actor: "local:bob",
        fromVersion: 1,
        toVersion: 2,
        request: 1,
        proposedBy: "local:bob",
        approvedBy: ["local:sam"],
      },
      { action: "request", actor: "local:sam", request: 1, event: "approved" },
      { action: "request", actor: "local:bob", request: 1, event: "created" },
      { action: "publish", actorNote: "alice", fromVersion: null, toVersion: 1 },
    ]);
    expect(audit.map((e) => e.allowedPastChanges ?? false)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(audit.map((e) => e.breakGlass)).toEqual([
      "our own text reads wrong",
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    for (const entry of audit) expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const lines = await ok("audit");
    expect(lines).toMatch(
      /rollback\s+2 -> 1\s+os-user:\S+ \(carol\)\s+undo\s+\(BREAK GLASS, no second person approved: our own text reads wrong\)/,
    );
    expect(lines).toMatch(
      /publish\s+1 -> 2 \(request 1\)\s+local:bob\s.*\(proposed by local:bob\)\s+\(approved by local:sam\)/,
    );
    expect(await ok("list")).toMatch(/^\*\s+1\s+published/m);
  });

  it("round-trips an export: re-publishing it is refused as unchanged", async () => {
    const file = join(work, "roundtrip.json");
    await ok("export", "--format", "json", "-o", file);
    const again = await cli("publish", file, ...BREAK_GLASS);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^code-rules: the rule set is identical to active version \d+; nothing to publish\n$/,
    );
  });

  it("prints the changes of a dry run and writes nothing", async () => {
    const before = await ok("list", "--json");
    const dry = await ok("publish", SHIPPED_RULES_DIR, "--dry-run", "--force", ...BREAK_GLASS);
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
    expect(summary).toBe(`code-rules: ${bad}: the rule set has 1 problem(s); nothing was written`);
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

  it("reports a broken YAML file with its line", async () => {
    const broken = join(work, "broken.yaml");
    writeFileSync(broken, "procedures:\n  - key: x\n   name: bad indent\n");
    const run = await cli("validate", broken);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^code-rules: ${broken}:\\d+: not valid YAML`));
  });
});
