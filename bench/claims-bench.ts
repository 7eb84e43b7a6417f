import { execFile } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { checkClaimsFile } from "../cli/check-claims.js";
import { formatIsoDate, fromEpochDay, toEpochDay } from "../core/calendar-date.js";
import { isInEffect, type RuleSet } from "../core/rule-set.js";
import { localAwsEnv } from "../local/dynamodb-local.js";
import { median } from "./median.js";

/** The file whose lines a second are measured in process: long enough for a steady rate. */
export const CLAIMS_BENCH_LINES = 200_000;

/** The file the command's memory is measured on, as the acceptance names it. */
export const CLAIMS_CLI_LINES = 1_000_000;

const DATE_OF_SERVICE = "2026-11-24";

/** A generated claim line: the columns code-rules reads, and a plan it carries through. */
export interface ClaimLine {
  readonly claimId: string;
  readonly code: string;
  readonly dateOfService: string;
  readonly dateOfBirth: string;
  readonly plan: string;
}

/**
 * The bench's claim lines, by number: the codes in effect on the date of service, in turn, for
 * patients born over 0..10 years, so every band, edge and refusal of the shipped families shows up.
 */
export const claimLines = (ruleSet: RuleSet): ((line: number) => ClaimLine) => {
  const codes = [
    ...new Set(
      ruleSet.rules
        .filter((rule) => isInEffect(rule.effective, DATE_OF_SERVICE))
        .map((r) => r.code),
    ),
  ];
  const service = toEpochDay({ year: 2026, month: 11, day: 24 });
  return (i) => ({
    claimId: `C${i}`,
    code: codes[i % codes.length] ?? "",
    dateOfService: DATE_OF_SERVICE,
    dateOfBirth: formatIsoDate(fromEpochDay(service - ((i * 7919) % 3653))),
    plan: "acme",
  });
};

/**
 * Writes a claims file of `lines` of the bench's claim lines to `file`, streamed with backpressure
 * (the generator must not hold the file either).
 */
const writeClaims = async (ruleSet: RuleSet, file: string, lines: number): Promise<void> => {
  const lineOf = claimLines(ruleSet);
  const out = createWriteStream(file);
  out.write("claimId,code,dateOfService,dateOfBirth,plan\n");
  for (let i = 0; i < lines; i += 1) {
    const { claimId, code, dateOfService, dateOfBirth, plan } = lineOf(i);
    const line = `${claimId},${code},${dateOfService},${dateOfBirth},${plan}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
};

/** A scratch folder for a measurement, removed when it is done. */
const inScratch = async <T>(work: (folder: string) => Promise<T>): Promise<T> => {
  const folder = mkdtempSync(join(tmpdir(), "code-rules-claims-bench-"));
  try {
    return await work(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/**
 * Runs of the in-process pipeline: a run takes a second or two, and one alone is at the mercy of
 * whatever else the machine runs meanwhile.
 */
const ROUNDS = 3;

/**
 * `check-claims`' own pipeline (read, hash, parse, check, write) in process over a generated file,
 * with the rule set in memory as the command holds it once read: lines a second, the median of
 * ROUNDS runs.
 */
export const measureClaims = (ruleSet: RuleSet, lines = CLAIMS_BENCH_LINES): Promise<number> =>
  inScratch(async (folder) => {
    const input = join(folder, "claims.csv");
    await writeClaims(ruleSet, input, lines);
    const rates: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      const summary = await checkClaimsFile({ version: 1, ruleSet }, input, join(folder, "r.csv"));
      rates.push(lines / ((performance.now() - started) / 1000));
      if (summary.lines !== lines) throw new Error(`checked ${summary.lines} of ${lines} lines`);
    }
    return median(rates);
  });

const CLI = fileURLToPath(new URL("../cli/code-rules.js", import.meta.url));

// Loaded into the command's process before it starts: says its peak RSS as its last line on stderr.
const PEAK_RSS_PROBE = `data:text/javascript,${encodeURIComponent(
  'process.on("exit", () => process.stderr.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }) + "\\n"));',
)}`;

const linesIn = async (file: string): Promise<number> => {
  let count = 0;
  for await (const _line of createInterface({ input: createReadStream(file) })) count += 1;
  return count;
};

/**
 * `code-rules check-claims` itself, a process of its own, on a generated 1,000,000-line file
 * against version 1 of a table on DynamoDB Local, its report checked for a row per line: its peak
 * RSS.
 */
export const measureClaimsCommand = (
  ruleSet: RuleSet,
  dynamo: { readonly endpoint: string; readonly table: string },
  lines = CLAIMS_CLI_LINES,
): Promise<{ peakRssMb: number }> =>
  inScratch(async (folder) => {
    const input = join(folder, "claims.csv");
    const report = join(folder, "report.csv");
    await writeClaims(ruleSet, input, lines);
    const args = [PEAK_RSS_PROBE, CLI, "--json", "check-claims", input, "-o", report];
    const env = { ...process.env, ...localAwsEnv(dynamo.endpoint), CODE_RULES_TABLE: dynamo.table };
    // Exit 5: the generated lines bill codes for other ages on purpose.
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((done, fail) =>
      execFile(
        process.execPath,
        ["--import", ...args, "--rule-version", "1"],
        { env },
        (error, out, err) =>
          error && error.code !== 5 ? fail(error) : done({ stdout: out, stderr: err }),
      ),
    );
    const checked = (JSON.parse(stdout) as { lines: number }).lines;
    if (checked !== lines) throw new Error(`check-claims checked ${checked} of ${lines} lines`);
    const { maxRssKb } = JSON.parse(stderr.trim().split("\n").at(-1) ?? "{}") as {
      maxRssKb: number;
    };
    // The report has its header and a row per line (no claim cell holds a line break).
    const rows = (await linesIn(report)) - 1;
    if (rows !== lines) throw new Error(`the report has ${rows} rows for ${lines} lines`);
    return { peakRssMb: maxRssKb / 1024 };
  });
