import { Transform, type TransformCallback } from "node:stream";
import { claimCheck } from "../claims/claim-check.js";
import { type ClaimLayout, claimLayout } from "../claims/claim-layout.js";
import { REPORT_BOM, reportRecord } from "../claims/claim-report-csv.js";
import { checkClaimLine, refusedLine } from "../claims/claim-rows.js";
import { type ClaimsTally, count } from "../claims/claims-tally.js";
import type { RuleSet } from "../core/rule-set.js";
import { CsvRecords } from "./claim-csv-records.js";
import type { ClaimLines, ClaimReader } from "./claim-lines.js";
import { NdjsonLines } from "./claim-ndjson-lines.js";
import type { Progress } from "./claim-progress.js";
import { CliError } from "./cli-error.js";

/*
 * A claims file's bytes in, the report's text out, in one stream stage: each chunk of the file is
 * read, its lines checked and their rows written on, so nothing is held but the chunk in hand, a
 * line cut at its end and the rows not yet passed on. Stages per line (parse, then check, then
 * stringify) cost more than the check did.
 */

/**
 * Rows are passed on a few dozen at a time: rows waiting are among what survives a garbage
 * collection, and what survives makes V8 grow its young generation.
 */
const ROWS_A_PIECE = 32;

export const CLAIM_FORMATS = ["csv", "ndjson"] as const;
export type ClaimFormat = (typeof CLAIM_FORMATS)[number];

/** A CSV file's records, its header read into the layout. */
const csvReader = (lines: ClaimLines): ClaimReader => {
  let header = true;
  return new CsvRecords((cells, line) => {
    if (!header) {
      lines.line(cells, line);
      return;
    }
    header = false;
    const read = claimLayout(cells);
    if (!read.ok) throw new CliError(`the claims file cannot be checked: ${read.error}`);
    lines.layout(read.value);
  });
};

export interface ReportStreamOptions {
  readonly ruleSet: RuleSet;
  readonly format: ClaimFormat;
  readonly tally: ClaimsTally;
  readonly progress: Progress;
}

export interface ReportStream {
  readonly stream: Transform;
  /** Whether the file had a header (CSV) or any line at all (NDJSON): an empty file has neither. */
  readonly sawLayout: () => boolean;
}

export const claimsReportStream = ({
  ruleSet,
  format,
  tally,
  progress,
}: ReportStreamOptions): ReportStream => {
  const check = claimCheck(ruleSet);
  let layout: ClaimLayout | undefined;
  let rows: string[] = [];
  const written = (row: string) => {
    rows.push(row);
    if (rows.length < ROWS_A_PIECE) return;
    stream.push(rows.join(""));
    rows = [];
  };
  const lines: ClaimLines = {
    layout(read) {
      layout = read;
      written(REPORT_BOM + reportRecord(read.reportHeader));
    },
    line(cells, line) {
      const checked = checkClaimLine(check, layout as ClaimLayout, cells, line);
      count(tally, checked.verdict);
      written(reportRecord(checked.row));
    },
    unreadable(line, reason) {
      const refused = refusedLine(layout as ClaimLayout, [], line, reason);
      count(tally, refused.verdict);
      written(reportRecord(refused.row));
    },
  };
  const reader = format === "ndjson" ? new NdjsonLines(lines) : csvReader(lines);
  let bytesRead = 0;
  const stream: Transform = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        reader.push(chunk);
      } catch (error) {
        return done(error as Error);
      }
      bytesRead += chunk.length;
      progress.advance(bytesRead, tally.lines);
      done();
    },
    flush(done: TransformCallback) {
      try {
        reader.end();
      } catch (error) {
        return done(error as Error);
      }
      done(null, rows.length > 0 ? rows.join("") : undefined);
    },
  });
  return { stream, sawLayout: () => layout !== undefined };
};
