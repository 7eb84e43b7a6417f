import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../cli/exit-codes.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { cliOnTable } from "./support.js";

const { work, cli, ok } = cliOnTable(`check-claims-${Date.now()}`);

const HEADER =
  "claimId,code,dateOfService,dateOfBirth,age,ageUnit,procedure,gestationalAgeWeeks,gestationalAgeDays,plan";
const HERNIA = "inguinal-hernia-repair-initial-reducible";

/** One claim per line: what each line is for is said beside it. */
const LINES = [
  "C1,33952,2026-11-24,2020-11-25,,,,,,acme", // a day short of 6 years: 33951 expected
  "C2,33951,2026-11-24,2020-11-25,,,,,,acme", // consistent
  "C3,33951,2026-11-24,2020-02-30,,,,,,acme", // no 30 February: cannot be read
  "C4,33952,2026-02-28,2020-02-29,,,,,,acme", // born on 29 February: still 5 on 28 February
  "C5,33952,2026-03-01,2020-02-29,,,,,,acme", // and 6 on 1 March
  "C6,33951,2026-11-24,,71,months,,,,acme", // an age in months
  `C7,49495,2026-11-24,,3,months,${HERNIA},,,acme`, // no gestational age: ambiguous
  `C8,49495,2026-11-24,2026-08-10,,,${HERNIA},39,2,"=HYPERLINK(""x"")"`, // decided; a formula carried
];

const BIRTH_DATES = ["2020-11-25", "2020-02-30", "2020-02-29", "2026-08-10"];

const claimsFile = (name: string, lines: readonly string[]): string => {
  const file = join(work, name);
  writeFileSync(file, `${[HEADER, ...lines].join("\n")}\n`);
  return file;
};

const reportRows = (file: string): Record<string, string>[] =>
  parse(readFileSync(file), { bom: true, columns: true });

const sha256 = (file: string): string =>
  createHash("sha256").update(readFileSync(file)).digest("hex");

describe("code-rules check-claims", () => {
  beforeAll(async () => {
    await ok("init");
    await ok("publish", SHIPPED_RULES_DIR, "-m", "shipped rules");
  });

  it("writes a row per claim line, prints the summary, and exits 1 for a line it cannot read", async () => {
    const claims = claimsFile("claims.csv", LINES);
    const report = join(work, "report.csv");
    const run = await cli("check-claims", claims, "-o", report);

    expect(run.stderr).toBe("");
    expect(run.code).toBe(EXIT.refused);
    expect(run.stdout).toBe(
      [
        `checked 8 lines of ${claims} (sha256 ${sha256(claims)}) against rule version 1: 4 consistent, 2 inconsistent, 2 not checked; report in ${report}`,
        "  inconsistent: 33952 → 33951: 2 lines",
        "  not checked: ambiguous-age: 1 line",
        "  not checked: invalid-request: 1 line",
        "",
      ].join("\n"),
    );
    // Dates of birth are in the file and the report, never in what is printed.
    for (const date of BIRTH_DATES) expect(run.stdout).not.toContain(date);

    const rows = reportRows(report);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "line",
      "claimId",
      "plan",
      "code",
      "consistent",
      "expected",
      "problemType",
      "explanation",
    ]);
    expect(
      rows.map((row) => [row.line, row.claimId, row.code, row.consistent, row.expected]),
    ).toEqual([
      ["2", "C1", "33952", "false", "33951"],
      ["3", "C2", "33951", "true", "33951"],
      ["4", "C3", "33951", "", ""],
      ["5", "C4", "33952", "false", "33951"],
      ["6", "C5", "33952", "true", "33952"],
      ["7", "C6", "33951", "true", "33951"],
      ["8", "C7", "49495", "", ""],
      ["9", "C8", "49495", "true", "49495"],
    ]);
    const [c1, , c3, c4, , c6, c7, c8] = rows;
    expect(c1?.explanation).toBe(
      "33952 is not consistent with the age: 5 years old on 2026-11-24 (completed years); 'birth through 5 years' selects 33951",
    );
    expect(c1?.plan).toBe("acme");
    expect(c3).toMatchObject({
      problemType: "urn:code-rules:problem:invalid-request",
      explanation: "dateOfBirth 2020-02-30 is not a day of the calendar",
    });
    expect(c4?.explanation).toContain("5 years old on 2026-02-28");
    expect(c6?.explanation).toContain("71 months old on 2026-11-24 (as given)");
    expect(c7?.problemType).toBe("urn:code-rules:problem:ambiguous-age");
    expect(c7?.explanation).toContain("gestationalAgeAtBirth");
    // A carried cell a spreadsheet would run is written as text, as the rule CSV writes it.
    expect(c8?.plan).toBe(`'=HYPERLINK("x")`);
    expect(c8?.explanation).toContain("born at 39 weeks 2 days");
    expect(existsSync(`${report}.partial`)).toBe(false);
  });

  it("says the summary in --json, and exits 5 when every line is read and some are inconsistent", async () => {
    const claims = claimsFile("findings.csv", [LINES[0] ?? "", LINES[1] ?? "", LINES[6] ?? ""]);
    const report = join(work, "findings-report.csv");
    const run = await cli("--json", "check-claims", claims, "-o", report, "--rule-version", "1");
    expect(run.code).toBe(EXIT.inconsistent);
    expect(JSON.parse(run.stdout)).toEqual({
      input: claims,
      sha256: sha256(claims),
      report,
      ruleVersion: 1,
      lines: 3,
      consistent: 1,
      inconsistent: 1,
      inconsistentByCode: [{ code: "33952", expected: "33951", lines: 1 }],
      refused: { "ambiguous-age": 1 },
      malformed: 0,
      exitCode: EXIT.inconsistent,
    });
    expect(reportRows(report)).toHaveLength(3);
  });

  it("exits 0 when every line is consistent", async () => {
    const claims = claimsFile("clean.csv", [LINES[1] ?? "", LINES[5] ?? ""]);
    const run = await cli("check-claims", claims, "-o", join(work, "clean-report.csv"));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 consistent, 0 inconsistent, 0 not checked/);
  });

  it("reports a line of the wrong length and a missing date of service on rows of their own", async () => {
    const claims = claimsFile("short.csv", ["S1,33951,2026-11-24", "S2,33951,,2020-11-25,,,,,,"]);
    const report = join(work, "short-report.csv");
    expect((await cli("check-claims", claims, "-o", report)).code).toBe(EXIT.refused);
    expect(reportRows(report).map((row) => row.explanation)).toEqual([
      "the line has 3 field(s), the header 10",
      "dateOfService: is required on every claim line",
    ]);
  });

  it("refuses a file it cannot check at all in one line that quotes no cell, and leaves no report", async () => {
    const noCode = join(work, "no-code.csv");
    writeFileSync(noCode, "claimId,dateOfService,dateOfBirth\nX,2026-11-24,2020-11-25\n");
    const report = join(work, "none.csv");
    expect(await cli("check-claims", noCode, "-o", report)).toEqual({
      code: EXIT.refused,
      stdout: "",
      stderr: "code-rules: the claims file cannot be checked: the header has no column code\n",
    });

    const badQuote = claimsFile("bad-quote.csv", [`Q1,33951,2026-11-24,"2020-11-25"x,,,,,,`]);
    const quoted = await cli("check-claims", badQuote, "-o", report);
    expect(quoted.code).toBe(EXIT.refused);
    expect(quoted.stderr).toMatch(/bad-quote\.csv: not readable as CSV at line 2 \(\w+\)\n$/);
    expect(quoted.stderr).not.toContain("2020-11-25");
    expect(existsSync(report)).toBe(false);
    expect(existsSync(`${report}.partial`)).toBe(false);
  });

  it("reads NDJSON by its extension or --format: a line that is not a JSON object is a row of its own", async () => {
    const lines = [
      {
        claimId: "J1",
        code: "33952",
        dateOfService: "2026-11-24",
        dateOfBirth: "2020-11-25",
        plan: "acme",
      },
      '{"claimId": "J2", "code": "33951", "dateOfService": "2026-11-24", "dateOfBirth": ', // cut short
      { claimId: "J3", code: "33951", dateOfService: "2026-11-24", age: 71, ageUnit: "months" },
      "",
      '["an", "array"]',
      {
        claimId: "J6",
        code: "33951",
        dateOfService: "2026-11-24",
        age: 3,
        ageUnit: "years",
        note: "x",
      },
      {
        claimId: "J7",
        code: "33951",
        dateOfService: "2026-11-24",
        dateOfBirth: "2020-11-25",
        plan: "=1+1",
      },
    ];
    const text = `${lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n")}\n`;
    const claims = join(work, "claims.ndjson");
    writeFileSync(claims, text);
    const report = join(work, "ndjson-report.csv");
    const run = await cli("--json", "check-claims", claims, "-o", report);

    expect(run.stderr).toBe("");
    expect(run.code).toBe(EXIT.refused);
    expect(JSON.parse(run.stdout)).toMatchObject({
      lines: 6,
      consistent: 2,
      inconsistent: 1,
      refused: { "invalid-request": 3 },
      malformed: 3,
    });
    const rows = reportRows(report);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "line",
      "claimId",
      "plan",
      "code",
      "consistent",
      "expected",
      "problemType",
      "explanation",
    ]);
    expect(rows.map((row) => [row.line, row.claimId, row.consistent, row.explanation])).toEqual([
      ["1", "J1", "false", expect.stringContaining("'birth through 5 years' selects 33951")],
      ["2", "", "", "the line is not valid JSON (it ends too soon)"],
      ["3", "J3", "true", expect.stringContaining("71 months old on 2026-11-24")],
      ["5", "", "", "the line is not a JSON object"],
      [
        "6",
        "",
        "",
        `the field "note" is not on the first line, whose fields are the report's columns`,
      ],
      ["7", "J7", "true", expect.stringContaining("33951 is consistent")],
    ]);
    expect(rows[5]?.plan).toBe("'=1+1");
    for (const date of BIRTH_DATES) expect(run.stdout).not.toContain(date);

    // The same lines in a file named otherwise, read as NDJSON because --format says so.
    const named = join(work, "claims.txt");
    writeFileSync(named, text);
    const again = join(work, "txt-report.csv");
    expect((await cli("check-claims", named, "-o", again, "--format", "ndjson")).code).toBe(
      EXIT.refused,
    );
    expect(readFileSync(again, "utf8")).toBe(readFileSync(report, "utf8"));
  });

  it("refuses a version never published, and a report that would overwrite the claims", async () => {
    const claims = claimsFile("pinned.csv", [LINES[1] ?? ""]);
    const missing = await cli(
      "check-claims",
      claims,
      "-o",
      join(work, "r.csv"),
      "--rule-version",
      "9",
    );
    expect(missing.code).toBe(EXIT.refused);
    expect(missing.stderr).toMatch(/version 9/);
    const over = await cli("check-claims", claims, "-o", claims);
    expect(over.stderr).toBe(
      "code-rules: the report would overwrite the claims file: name another with -o\n",
    );
    expect(readFileSync(claims, "utf8")).toContain("2020-11-25");
  });
});
