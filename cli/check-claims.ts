import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, rename, rm, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { newTally } from "../claims/claims-tally.js";
import type { RuleSet } from "../core/rule-set.js";
import { UnreadableCsv } from "./claim-csv-records.js";
import { claimsProgress, type ProgressTerminal } from "./claim-progress.js";
import { type ClaimFormat, claimsReportStream } from "./claim-report-stream.js";
import { type ClaimsSummary, describeSummary, summaryOf } from "./claims-summary.js";
import { CliError, refused } from "./cli-error.js";
import { activeVersion, type Context, type Output, store } from "./command-context.js";

/*
 * `code-rules check-claims`: a claims file (CSV or NDJSON) checked line by line against one rule
 * version, read and verified once, in memory. The file streams through with backpressure (read,
 * hash, check, write), so memory stays flat however long the file is.
 */

/** Passes the bytes on unchanged, hashing them on the way: the file is read once. */
const hashing = (hash: Hash): Transform =>
  new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      hash.update(chunk);
      done(null, chunk);
    },
  });

/**
 * The file is read in small chunks: what a chunk holds (its lines, their rows) is alive when the
 * garbage collector runs, and the more of it survives, the more V8 grows its young generation,
 * up to 64 MB twice over. 16 KiB is a few hundred lines, and costs no speed.
 */
const READ_CHUNK_BYTES = 16 * 1024;

/** A file named .ndjson or .jsonl is NDJSON unless said otherwise; any other is CSV. */
export const claimFormatOf = (input: string, named?: ClaimFormat): ClaimFormat =>
  named ?? (/\.(ndjson|jsonl)$/i.test(input) ? "ndjson" : "csv");

/** The rule version claims are checked against, as the CLI reads every version: verified. */
export interface CheckedVersion {
  readonly version: number;
  readonly ruleSet: RuleSet;
}

export interface CheckFileOptions {
  /** CSV or NDJSON; by default, as the file's name says. */
  readonly format?: ClaimFormat;
  /**
   * Where progress is drawn, when it is a terminal: the process's own stderr, not the run's io,
   * which knows nothing of terminals. A test's stderr is a pipe: nothing is drawn there.
   */
  readonly terminal?: ProgressTerminal;
}

/**
 * Checks every line of `input` against the rules and writes the report to `report`, through a
 * file beside it that is renamed when the report is whole: a failed run leaves no half report.
 */
export const checkClaimsFile = async (
  { version, ruleSet }: CheckedVersion,
  input: string,
  report: string,
  { format = claimFormatOf(input), terminal = process.stderr }: CheckFileOptions = {},
): Promise<ClaimsSummary> => {
  const hash = createHash("sha256");
  const tally = newTally();
  const partial = `${report}.partial`;
  // A file that cannot be read says so when it is opened, below.
  const fileBytes = await stat(input).then(
    ({ size }) => size,
    () => 0,
  );
  const progress = claimsProgress(terminal, fileBytes);
  const check = claimsReportStream({ ruleSet, format, tally, progress });
  try {
    await pipeline(
      createReadStream(input, { highWaterMark: READ_CHUNK_BYTES }),
      hashing(hash),
      check.stream,
      createWriteStream(partial),
    );
    if (!check.sawLayout())
      throw new CliError(
        `the claims file is empty: it has no ${format === "csv" ? "header line" : "claim line"}`,
      );
  } catch (error) {
    await rm(partial, { force: true });
    throw readFailure(error, input, report);
  } finally {
    progress.done();
  }
  await rename(partial, report);
  return summaryOf(tally, { input, report, sha256: hash.digest("hex"), ruleVersion: version });
};

/**
 * A failure of the run as one line. csv-parse's messages can quote a cell (a date of birth), so
 * only its code and line are said; a file error says the path and what the system said.
 */
const readFailure = (error: unknown, input: string, report: string): unknown => {
  if (error instanceof CliError) return error;
  if (error instanceof UnreadableCsv) return new CliError(`${input}: ${error.message}`);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    const path = (error as NodeJS.ErrnoException).path ?? "";
    const which = resolve(path) === resolve(input) ? input : report;
    return new CliError(`${which}: cannot be read or written (${code})`);
  }
  return error;
};

export interface CheckClaimsOptions {
  readonly output: string;
  readonly ruleVersion?: number;
  readonly format?: ClaimFormat;
}

/** The version named, or the active one, read and verified once; a revoked version is refused. */
const versionToCheck = async (context: Context, named?: number): Promise<CheckedVersion> => {
  const version = named ?? (await activeVersion(context));
  if (version === undefined)
    throw new CliError("no version is active; name one with --rule-version N");
  const published = await store(context).readPublished(version);
  if (!published.ok) throw refused(published.error);
  // The API never serves a revoked version, even pinned: no audit is checked against one either.
  if (published.value.meta.revoked) throw new CliError(`version ${version} is revoked`);
  return { version, ruleSet: published.value.ruleSet };
};

export const checkClaims = async (
  context: Context,
  input: string,
  { output, ruleVersion, format }: CheckClaimsOptions,
): Promise<Output> => {
  // Both refused before the store is asked: the report must never overwrite the claims.
  if (resolve(input) === resolve(output))
    throw new CliError("the report would overwrite the claims file: name another with -o");
  await access(input).catch(() => {
    throw new CliError(`${input}: no such file, or it cannot be read`);
  });
  const checked = await versionToCheck(context, ruleVersion);
  const summary = await checkClaimsFile(checked, input, output, { format });
  return { human: describeSummary(summary), json: summary, exitCode: summary.exitCode };
};
