import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import { stringify } from "csv-stringify";
import type { RuleSet } from "../core/rule-set.js";
import { FORMULA } from "../rule-files/rule-csv.js";
import { type ClaimLayout, checkClaimLine, claimLayout, writtenRow } from "./claim-rows.js";
import {
  type ClaimsSummary,
  type ClaimsTally,
  count,
  describeSummary,
  newTally,
  summaryOf,
} from "./claims-summary.js";
import { CliError, refused } from "./cli-error.js";
import { activeVersion, type Context, type Output, store } from "./command-context.js";

/*
 * `code-rules check-claims`: a claims file checked line by line against one rule version, read
 * and verified once, in memory. The file streams through with backpressure (read, hash, parse,
 * check, write), so memory stays flat however long the file is.
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
 * The parser's record hook: the header is read into a layout (and becomes the report's header),
 * every later record becomes its report row, counted. The check runs inside the parser rather
 * than in a stage of its own: a stage per record costs as much as the check itself.
 */
const checking = (ruleSet: RuleSet, tally: ClaimsTally) => {
  let layout: ClaimLayout | undefined;
  const onRecord = (record: string[], { lines }: { lines: number }): string[] => {
    if (!layout) {
      const read = claimLayout(record);
      if (!read.ok) throw new CliError(`the claims file cannot be checked: ${read.error}`);
      layout = read.value;
      return [...layout.reportHeader];
    }
    const { row, verdict } = checkClaimLine(ruleSet, layout, record, lines);
    count(tally, verdict);
    return writtenRow(row);
  };
  return { onRecord, sawHeader: () => layout !== undefined };
};

/** The rule version claims are checked against, as the CLI reads every version: verified. */
export interface CheckedVersion {
  readonly version: number;
  readonly ruleSet: RuleSet;
}

/**
 * Checks every line of `input` against the rules and writes the report to `report`, through a
 * file beside it that is renamed when the report is whole: a failed run leaves no half report.
 */
export const checkClaimsFile = async (
  { version, ruleSet }: CheckedVersion,
  input: string,
  report: string,
): Promise<ClaimsSummary> => {
  const hash = createHash("sha256");
  const tally = newTally();
  const partial = `${report}.partial`;
  const check = checking(ruleSet, tally);
  try {
    await pipeline(
      createReadStream(input),
      hashing(hash),
      parse({
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: check.onRecord,
      }),
      // RFC 4180 with a byte-order mark, as the rule CSV: spreadsheets open it with accents intact.
      stringify({ bom: true, record_delimiter: "windows", quoted_match: FORMULA }),
      createWriteStream(partial),
    );
    if (!check.sawHeader()) throw new CliError("the claims file is empty: it has no header line");
  } catch (error) {
    await rm(partial, { force: true });
    throw readFailure(error, input, report);
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
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines;
    return new CliError(`${input}: not readable as CSV at line ${line ?? "?"} (${error.code})`);
  }
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
  { output, ruleVersion }: CheckClaimsOptions,
): Promise<Output> => {
  // Both refused before the store is asked: the report must never overwrite the claims.
  if (resolve(input) === resolve(output))
    throw new CliError("the report would overwrite the claims file: name another with -o");
  await access(input).catch(() => {
    throw new CliError(`${input}: no such file, or it cannot be read`);
  });
  const checked = await versionToCheck(context, ruleVersion);
  const summary = await checkClaimsFile(checked, input, output);
  return { human: describeSummary(summary), json: summary, exitCode: summary.exitCode };
};
