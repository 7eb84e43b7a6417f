import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { hostname, tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { CLI, cliOn, spawnCliOn, succeedsOn } from "../support/cli.js";
import { editableShippedRules } from "../support/rule-sets.js";
import { BREAK_GLASS } from "./support.js";

const shipped = editableShippedRules();

const work = mkdtempSync(join(tmpdir(), "code-rules-safe-"));
let tables = 0;

/** A fresh table with the shipped rules published as version 1, and the CLI bound to it. */
const withVersion1 = async () => {
  tables += 1;
  const table = `safe-${Date.now()}-${tables}`;
  const ok = succeedsOn(table);
  await ok("init");
  await ok("publish", SHIPPED_RULES_DIR, "--actor", "seeding", "-m", "shipped rules");
  return { table, cli: cliOn(table), ok };
};

interface RuleFile {
  baseVersion?: number;
  procedures: { key: string }[];
  rules: { id: string; text: string; band: Record<string, unknown> }[];
}

const readYaml = (file: string): RuleFile => parse(readFileSync(file, "utf8"));

const writeYaml = (name: string, content: RuleFile): string => {
  const file = join(work, name);
  writeFileSync(file, stringify(content));
  return file;
};

const ruleOf = (content: RuleFile, id: string) => {
  const rule = content.rules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
};

const YOUNG = "ecmo-cannula-insertion-percutaneous-33951";
// Every text edit here changes answers back to 2015; that refusal is tested in cli.test.ts.
const PAST = "--allow-past-changes";
const OLDER = "ecmo-cannula-insertion-percutaneous-33952";

/** An export of the active version, with 33952's band moved to start at 5 years and 33951's to end at 4. */
const withBandMoved = async (ok: (...args: string[]) => Promise<string>, name: string) => {
  const file = join(work, name);
  await ok("export", "-o", file);
  const content = readYaml(file);
  ruleOf(content, YOUNG).band = {
    lower: { value: 0, unit: "years", inclusive: true },
    upper: { value: 4, unit: "years", inclusive: true },
  };
  ruleOf(content, OLDER).band = { lower: { value: 5, unit: "years", inclusive: true } };
  return content;
};

describe("rule text that states an age", () => {
  it("is refused by validate and publish, naming the rule, the phrase and the band's ages", async () => {
    const { cli, ok } = await withVersion1();
    const content = await withBandMoved(ok, "v1-for-age-in-text.yaml");
    const older = ruleOf(content, OLDER);
    older.text = `${older.text}, patients 6+ years`;
    const file = writeYaml("age-in-text.yaml", content);
    for (const command of ["validate", "publish"]) {
      const run = await cli(command, file);
      expect(run.code, command).toBe(1);
      expect(run.stderr).toBe(
        `code-rules: ${file}: the rule set has 1 problem(s); nothing was written\n  ${OLDER} text: says "6+ years": the band states the ages (5 years and older); say only the service\n`,
      );
    }
    expect(JSON.parse(await ok("list", "--json")).versions).toHaveLength(1);
  });

  it("is not needed when a band moves: the text names the service, and the band says the ages", async () => {
    const { ok } = await withVersion1();
    const content = await withBandMoved(ok, "v1-for-band.yaml");
    expect(await ok("validate", writeYaml("moved-band.yaml", content))).toMatch(/is valid/);
  });
});

describe("no lost updates", () => {
  it("refuses an old export once another version is active (exit 2), naming both; --force publishes it", async () => {
    const { cli, ok } = await withVersion1();
    const first = join(work, "admin-a.yaml");
    const second = join(work, "admin-b.yaml");
    await ok("export", "1", "-o", first);
    await ok("export", "1", "-o", second);
    expect(readYaml(first).baseVersion).toBe(1);

    const b = readYaml(second);
    ruleOf(b, YOUNG).text = "Admin B's text";
    writeFileSync(second, stringify(b));
    expect(await ok("publish", second, "--actor", "admin B", ...BREAK_GLASS, PAST)).toMatch(
      /\npublished version 2 /,
    );

    const a = readYaml(first);
    ruleOf(a, OLDER).text = "Admin A's text";
    writeFileSync(first, stringify(a));
    const lost = await cli("publish", first, "--actor", "admin A", ...BREAK_GLASS);
    expect(lost.code).toBe(2);
    expect(lost.stderr).toBe(
      `code-rules: ${first} was exported from version 1, but version 2 is active: see what changed with \`code-rules diff 1 2\`, then make your edits on an export of version 2, or publish with --force to replace it anyway\n`,
    );
    expect(JSON.parse(await ok("list", "--json")).active).toBe(2);

    expect(
      await ok("publish", first, "--force", "--actor", "admin A", ...BREAK_GLASS, PAST),
    ).toMatch(/\npublished version 3 /);
    expect(await ok("diff", "2", "3")).toContain(`~ rule ${YOUNG} text`);
  });

  it("publishes a file with no base version only over an empty table, or with --expect-version or --force", async () => {
    const { cli, ok } = await withVersion1();
    const handWritten = readYaml(join(SHIPPED_RULES_DIR, "ecmo-cannula.yaml"));
    // Every other shipped file too: a file that dropped procedures would be refused as a removal.
    const others = readdirSync(SHIPPED_RULES_DIR)
      .filter((name) => name.endsWith(".yaml") && name !== "ecmo-cannula.yaml")
      .map((name) => readYaml(join(SHIPPED_RULES_DIR, name)));
    ruleOf(handWritten, YOUNG).text = "Hand-written text";
    const file = writeYaml("hand-written.yaml", {
      procedures: [handWritten, ...others].flatMap((c) => c.procedures),
      rules: [handWritten, ...others].flatMap((c) => c.rules),
    });
    const refused = await cli("publish", file, ...BREAK_GLASS);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /names no base version and version 1 is active: .*--expect-version 1 .*--force\n$/,
    );
    expect((await cli("publish", file, "--expect-version", "2", ...BREAK_GLASS)).code).toBe(2);
    expect(await ok("publish", file, "--expect-version", "1", ...BREAK_GLASS, PAST)).toMatch(
      /\npublished version 2 /,
    );
  });

  it("reads a folder export's base version from its files and refuses files that disagree", async () => {
    const { cli, ok } = await withVersion1();
    const folder = join(work, "folder-v1/");
    expect(await ok("export", "-o", folder)).toMatch(
      new RegExp(`^wrote version 1 to ${shipped.procedures.length} files in `),
    );
    const files = readdirSync(folder).sort();
    expect(files).toContain("ecmo-cannula-insertion-percutaneous.yaml");
    for (const name of files) expect(readYaml(join(folder, name)).baseVersion).toBe(1);
    const same = await cli("publish", folder, ...BREAK_GLASS);
    expect([same.code, same.stderr]).toEqual([
      1,
      "code-rules: the rule set is identical to active version 1; nothing to publish\n",
    ]);

    const one = join(folder, files[0] ?? "");
    writeFileSync(one, readFileSync(one, "utf8").replace("baseVersion: 1", "baseVersion: 7"));
    const mixed = await cli("publish", folder);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(
      /baseVersion 1 disagrees with .*, whose baseVersion is 7; the files of a folder come from one export\n$/,
    );
  });
});

describe("a spreadsheet round trip", () => {
  it("exports CSV that publishes as a no-op, and an edited CSV that changes only what was edited", async () => {
    const { cli, ok } = await withVersion1();
    const sheet = join(work, "v1.csv");
    await ok("export", "--format", "csv", "-o", sheet);
    const text = readFileSync(sheet, "utf8");
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(shipped.rules.length + 1);
    expect(await ok("validate", sheet)).toBe(
      `${sheet} is valid: ${shipped.rules.length} rules in ${shipped.procedures.length} procedures\n`,
    );
    expect(JSON.parse(await ok("impact", "1", sheet, "--json")).regions).toEqual([]);
    const noOp = await cli("publish", sheet, ...BREAK_GLASS);
    expect([noOp.code, noOp.stderr]).toEqual([
      1,
      "code-rules: the rule set is identical to active version 1; nothing to publish\n",
    ]);

    const edited = join(work, "v1-edited.csv");
    writeFileSync(
      edited,
      text.replace(
        ",Remove a left heart vent during ECMO/ECLS,",
        ',"Remove a left heart vent, ""LV vent"", during ECMO/ECLS",',
      ),
    );
    expect(await ok("publish", edited, ...BREAK_GLASS, PAST)).toMatch(/\npublished version 2 /);
    expect(await ok("diff", "1", "2")).toBe(
      '~ rule ecmo-left-heart-vent-removal-33989 text: "Remove a left heart vent during ECMO/ECLS" -> "Remove a left heart vent, \\"LV vent\\", during ECMO/ECLS"\n',
    );
  });

  it("refuses a CSV with a missing column or a bad cell, naming the row and the column", async () => {
    const { cli, ok } = await withVersion1();
    const sheet = join(work, "bad-source.csv");
    await ok("export", "--format", "csv", "-o", sheet);
    const text = readFileSync(sheet, "utf8");
    const lines = text.split("\r\n");
    writeFileSync(
      sheet,
      [lines[0], lines[1]?.replace(",0,years,true,", ",0,weeks,true,"), ...lines.slice(2)].join(
        "\r\n",
      ),
    );
    const bad = await cli("publish", sheet);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `code-rules: ${sheet}: row 2, column lower_unit: "weeks" is not a unit: days, months or years\n`,
    );
    writeFileSync(sheet, text.replace(",effective_to,", ","));
    expect((await cli("validate", sheet)).stderr).toBe(
      `code-rules: ${sheet}: row 1: missing column(s) effective_to\n`,
    );
  });
});

describe("who acted", () => {
  it("records the caller's identity for each move, with --actor as a note beside it", async () => {
    const { ok } = await withVersion1();
    const file = join(work, "identity.yaml");
    await ok("export", "-o", file);
    const content = readYaml(file);
    ruleOf(content, YOUNG).text = "Identity test text";
    writeFileSync(file, stringify(content));
    await ok("publish", file, ...BREAK_GLASS, PAST);
    await ok("rollback", "1", "--actor", "on-call: Dana", "-m", "undo", ...BREAK_GLASS, PAST);

    const identity = `os-user:${userInfo().username}@${hostname()}`;
    const entries = JSON.parse(await ok("audit", "--json")) as {
      actor: string;
      actorNote?: string;
    }[];
    expect(entries.map((e) => [e.actor, e.actorNote])).toEqual([
      [identity, "on-call: Dana"],
      [identity, undefined],
      [identity, "seeding"],
    ]);
    const audit = (await ok("audit")).split("\n");
    expect(audit[0]).toMatch(
      new RegExp(`rollback\\s+2 -> 1\\s+${identity} \\(on-call: Dana\\)\\s+undo\\s`),
    );
    expect(audit[1]).toMatch(new RegExp(`publish\\s+1 -> 2\\s+${identity}\\s`));
    expect(await ok("list")).toMatch(
      new RegExp(
        `^\\*\\s+1\\s+published\\s+\\S+\\s+${identity} \\(seeding\\)\\s+${shipped.rules.length} rules`,
        "m",
      ),
    );
  });
});

const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
};

/** The environment with no AWS settings at all, and a home without an AWS config. */
const withoutAws = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_"))),
  HOME: mkdtempSync(join(tmpdir(), "code-rules-home-")),
  AWS_EC2_METADATA_DISABLED: "true",
});

describe("CLI conventions", () => {
  it("prints its version", async () => {
    const { version } = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    );
    expect(await succeedsOn("any")("--version")).toBe(`${version}\n`);
  });

  it("documents its exit codes in --help", async () => {
    const help = await succeedsOn("any")("--help");
    expect(help).toMatch(/^ {2}1 {2}invalid input or a refused change/m);
    expect(help).toMatch(/^ {2}2 {2}conflict/m);
    expect(help).toMatch(
      /^ {2}3 {2}the store cannot be reached .*, or AWS credentials or region are missing$/m,
    );
  });

  it.each([
    [
      "no table",
      () => ({}),
      "the table does not exist: check --table or CODE_RULES_TABLE (on DynamoDB Local, create it with `code-rules init`)",
    ],
    [
      "no DynamoDB Local",
      async () => ({ AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${await closedPort()}` }),
      "cannot reach DynamoDB at http://127.0.0.1:PORT (ECONNREFUSED): is DynamoDB Local running (npm start)?",
    ],
  ])("exits 3 with one line and a hint when there is %s", async (_, settings, message) => {
    const run = await cliOn("no-such-table", await settings())("list");
    expect(run.code).toBe(3);
    expect(run.stderr.replace(/:\d+ \(/, ":PORT (")).toBe(`code-rules: ${message}\n`);
  });

  it("exits 3 naming what is missing when no region or no credentials are set", async () => {
    const bare = withoutAws();
    const noRegion = await spawnCliOn("t", bare)("list");
    expect([noRegion.code, noRegion.stderr]).toEqual([
      3,
      "code-rules: no AWS region set: set AWS_REGION (or a region in your AWS profile)\n",
    ]);
    const noCredentials = await spawnCliOn("t", { ...bare, AWS_REGION: "eu-west-1" })(
      "publish",
      SHIPPED_RULES_DIR,
    );
    expect(noCredentials.code).toBe(3);
    expect(noCredentials.stderr).toMatch(/^code-rules: no AWS credentials found: set AWS_PROFILE/);
    expect(noCredentials.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("ends quietly when the reader closes the pipe", async () => {
    const { table } = await withVersion1();
    const child = spawn("node", [CLI, "export"], {
      env: { ...process.env, CODE_RULES_TABLE: table },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect([code, stderr]).toEqual([0, ""]);
  });
});
