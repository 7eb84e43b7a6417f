import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { cliOn, succeedsOn } from "../support/cli.js";
import { withFutureText } from "../support/rule-sets.js";

const work = mkdtempSync(join(tmpdir(), "code-rules-change-"));
let tables = 0;

/** A fresh table with the shipped rules as version 1, and the CLI on it as alex, as sam, and as whoever runs it. */
const withVersion1 = async () => {
  tables += 1;
  const table = `change-${Date.now()}-${tables}`;
  const ok = succeedsOn(table);
  await ok("init");
  await ok("publish", SHIPPED_RULES_DIR, "-m", "shipped rules");
  return {
    ok,
    cli: cliOn(table),
    alex: cliOn(table, { CODE_RULES_LOCAL_IDENTITY: "alex" }),
    sam: cliOn(table, { CODE_RULES_LOCAL_IDENTITY: "sam" }),
  };
};

const ruleFile = (name: string, content: unknown): string => {
  const file = join(work, name);
  writeFileSync(file, stringify(content));
  return file;
};

describe("code-rules change", () => {
  it("takes a rule change from alex's request through sam's approval to the active version", async () => {
    const { alex, sam, ok } = await withVersion1();
    const edited = ruleFile("ecmo-2099.yaml", withFutureText("Insert ECMO cannula, new wording"));
    const created = await alex("change", "create", edited, "-m", "ECMO wording from 2099");
    expect(created.stdout).toContain("change request 1 created against version 1, in review");
    const own = await alex("change", "approve", "1");
    expect(own.code).toBe(1);
    expect(own.stderr).toBe(
      "code-rules: change request 1: its author (local:alex) cannot approve it; a second person must; nothing was written\n",
    );
    expect((await sam("change", "approve", "1")).stdout).toContain("change request 1 is approved");
    expect((await sam("change", "publish", "1")).stdout).toContain(
      "change request 1 is published as version 2",
    );
    expect(await ok("list")).toMatch(/^\* {4}2 /m);
    const audit = await ok("audit");
    expect(audit).toMatch(/request 1 created {2}local:alex/);
    expect(audit).toMatch(/request 1 approved {2}local:sam/);
    expect(audit).toMatch(
      /1 -> 2 \(request 1\) {2}local:sam .*\(proposed by local:alex\) {2}\(approved by local:sam\)/,
    );
    expect(await ok("audit", "--verify")).toContain("the audit trail holds: 4 entries");
  });

  it("shows a request's approvals, diff and impact against the active version, and what blocks it", async () => {
    const { alex, ok } = await withVersion1();
    const edited = ruleFile("show.yaml", withFutureText("Shown wording"));
    await alex("change", "create", edited, "-m", "shown");
    const shown = await ok("change", "show", "1");
    expect(shown).toContain("approvals  0 of 1");
    expect(shown).toContain("+ rule ecmo-cannula-insertion-percutaneous-33951-2099");
    expect(shown).toContain(
      "answers that change against active version 1 (earliest date of service 2099-01-01)",
    );
    expect(shown).toContain(
      "publish refused: change request 1 has 0 of the 1 approval(s) it needs from someone other than its author",
    );
    const json = JSON.parse(await ok("change", "show", "1", "--json"));
    expect(json).toMatchObject({
      number: 1,
      state: "in-review",
      author: "local:alex",
      approvers: [],
    });
    expect(JSON.parse(await ok("change", "list", "--json"))).toMatchObject([{ number: 1 }]);
  });

  it("refuses `publish` over the active version without a request, and publishes with --break-glass", async () => {
    const { cli, ok } = await withVersion1();
    const edited = ruleFile("incident.yaml", withFutureText("Incident wording"));
    const refused = await cli("publish", edited, "--expect-version", "1");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "needs a change request approved by someone other than its author (code-rules change create), or --break-glass with a reason",
    );
    const noBase = await cli("publish", SHIPPED_RULES_DIR);
    expect(noBase.stderr).toContain("code-rules change create");
    await ok(
      "publish",
      edited,
      "--expect-version",
      "1",
      "--break-glass",
      "--reason",
      "incident 42",
    );
    expect(await ok("audit")).toMatch(
      /1 -> 2 .*\(BREAK GLASS, no second person approved: incident 42\)/,
    );
  });

  it("merges a second request onto what the first published, and holds a same-rule edit as a conflict until resolved", async () => {
    const { alex, sam } = await withVersion1();
    const first = ruleFile("first.yaml", withFutureText("First wording"));
    const other = ruleFile(
      "other.yaml",
      withFutureText("Other wording", "ecmo-cannula-insertion-percutaneous-33952"),
    );
    const same = ruleFile("same.yaml", withFutureText("Same rule, my wording"));
    for (const file of [first, other, same]) await alex("change", "create", file, "-m", file);
    for (const n of ["1", "2"]) await sam("change", "approve", n);
    await sam("change", "publish", "1");
    const stale = await sam("change", "publish", "2");
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain("rebase it: code-rules change rebase 2");
    expect((await alex("change", "rebase", "2")).stdout).toContain("no conflicts");
    await sam("change", "approve", "2");
    expect((await sam("change", "publish", "2")).stdout).toContain("published as version 3");
    const rebased = await alex("change", "rebase", "3");
    expect(rebased.stdout).toContain("1 conflict(s) to resolve");
    const conflicted = await sam("change", "show", "3");
    expect(conflicted.stdout).toContain(
      "conflict   rule ecmo-cannula-insertion-percutaneous-33951-2099",
    );
    expect((await sam("change", "approve", "3")).stderr).toContain("1 unresolved conflict(s)");
    await alex(
      "change",
      "resolve",
      "3",
      "ecmo-cannula-insertion-percutaneous-33951-2099",
      "--keep",
      "mine",
    );
    await sam("change", "approve", "3");
    expect((await sam("change", "publish", "3")).code).toBe(0);
  });
});
