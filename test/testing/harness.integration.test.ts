import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningLocalServer, startLocalServer } from "../../testing/index.js";
import { spawnCliOn } from "../support/cli.js";

const work = mkdtempSync(join(tmpdir(), "code-rules-harness-test-"));

// The setup files silence Powertools for the whole run; a consumer's process has no such setting,
// so this file runs as one would, and its quiet is the harness's own.
const POWERTOOLS = ["POWERTOOLS_METRICS_DISABLED", "POWERTOOLS_LOG_LEVEL"] as const;
const silenced = POWERTOOLS.map((name) => [name, process.env[name]] as const);

let quiet: RunningLocalServer;
let logged: RunningLocalServer;

beforeAll(async () => {
  for (const name of POWERTOOLS) delete process.env[name];
  [quiet, logged] = await Promise.all([startLocalServer(), startLocalServer({ logs: true })]);
});

afterAll(async () => {
  await Promise.all([quiet?.stop(), logged?.stop()]);
  for (const [name, value] of silenced) if (value !== undefined) process.env[name] = value;
  rmSync(work, { recursive: true, force: true });
});

/** What the server printed on this process's standard output while answering one selection. */
const printedWhileSelecting = async (server: RunningLocalServer): Promise<string> => {
  const printed: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    const answer = await fetch(`${server.url}/v1/select`, {
      method: "POST",
      body: JSON.stringify({
        procedure: "ecmo-cannula-insertion-percutaneous",
        dateOfBirth: "2020-11-25",
        dateOfService: "2026-11-24",
      }),
    });
    expect(await answer.json()).toMatchObject({ code: "33951", ruleVersion: 1 });
  } finally {
    spy.mockRestore();
  }
  return printed.join("");
};

describe("the test harness, startLocalServer()", () => {
  it("answers quietly by default: a request prints no log line and no metrics document", async () => {
    expect(await printedWhileSelecting(quiet)).toBe("");
  });

  it("prints the function's log line and metrics document per request when asked for logs", async () => {
    const printed = await printedWhileSelecting(logged);
    expect(printed).toContain('"message":"request served"');
    expect(printed).toContain('"_aws"');
  });

  it("lists every problem of rules that do not validate, one line each, in the error it throws", async () => {
    const rules = join(work, "rules.yaml");
    writeFileSync(rules, INVALID_RULES);
    await expect(startLocalServer({ rules })).rejects.toThrow(
      `${rules}: the rule set has 2 problem(s); nothing was written\n` +
        "  ecmo-older band: band '6 years and older' overlaps band 'birth through 6 years' of rule ecmo-young on overlapping effective periods\n" +
        '  ecmo-older text: says "6+ years": the band states the ages (6 years and older); say only the service',
    );
  });

  it("gives the environment `code-rules` reads and verifies its versions in: its DynamoDB Local, table and signing key", async () => {
    const cli = spawnCliOn(quiet.table, { PATH: process.env.PATH, ...quiet.env });
    const exported = await cli("export", "-o", join(work, "v1.yaml"));
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    const audit = await cli("audit", "--verify");
    expect(audit.stdout).toMatch(/^the audit trail holds: 1 entry, /);
    expect(audit.code).toBe(0);
  });

  it("keeps its signing key in a temporary folder of its own, which stop() removes", async () => {
    const home = quiet.env.CODE_RULES_LOCAL_DATA ?? "";
    expect(home.startsWith(join(tmpdir(), "code-rules-testing-"))).toBe(true);
    expect(existsSync(join(home, "signing-key.pem"))).toBe(true);
    await quiet.stop();
    expect(existsSync(home)).toBe(false);
    expect((await fetch(quiet.url).catch((error: Error) => error)) instanceof Error).toBe(true);
  });
});

/** Two rules that overlap at the 6th birthday, one of which states its ages in its text. */
const INVALID_RULES = `procedures:
  - key: ecmo-cannula-insertion-percutaneous
    name: Insertion of ECMO cannula(s) through the skin
rules:
  - id: ecmo-young
    procedure: ecmo-cannula-insertion-percutaneous
    code: "33951"
    text: Insert ECMO cannula(s) through the skin
    band: { lower: { value: 0, unit: years, inclusive: true }, upper: { value: 6, unit: years, inclusive: true } }
    effective: { from: 2015-01-01 }
    source: https://example.org/ecmo
  - id: ecmo-older
    procedure: ecmo-cannula-insertion-percutaneous
    code: "33952"
    text: Insert ECMO cannula(s) through the skin, 6+ years
    band: { lower: { value: 6, unit: years, inclusive: true } }
    effective: { from: 2015-01-01 }
    source: https://example.org/ecmo
`;
