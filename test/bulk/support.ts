import { parse } from "csv-parse/sync";
import type { BatchEvent } from "../../bulk/batch-event.js";
import { BATCH_INPUT, BATCH_ITEM } from "../../bulk/bulk-names.js";

/** The claims the bulk tests check, one a line: what each line is for is said beside it. */
export const CLAIMS_HEADER =
  "claimId,code,dateOfService,dateOfBirth,age,ageUnit,procedure,gestationalAgeWeeks,gestationalAgeDays,plan";
const HERNIA = "inguinal-hernia-repair-initial-reducible";
export const CLAIM_LINES = [
  "B1,33952,2026-11-24,2020-11-25,,,,,,acme", // a day short of 6 years: 33951 expected
  "B2,33951,2026-11-24,2020-11-25,,,,,,acme", // consistent
  "B3,33951,2026-11-24,2020-02-30,,,,,,acme", // no 30 February: cannot be read
  "B4,33952,2026-02-28,2020-02-29,,,,,,acme", // born on 29 February: still 5 on 28 February
  "B5,33952,2026-03-01,2020-02-29,,,,,,acme", // and 6 on 1 March
  "B6,33951,2026-11-24,,71,months,,,,acme", // an age in months
  "B7,33951,2026-11-24,,400,days,,,,acme", // an age in days
  "B8,33951,2026-11-24,,2.5,years,,,,acme", // not a whole number: cannot be read
  `B9,49495,2026-11-24,,3,months,${HERNIA},,,acme`, // no gestational age: ambiguous
  `B10,49495,2026-11-24,2026-08-10,,,${HERNIA},39,2,"=HYPERLINK(""x"")"`, // decided; a formula
  `B11,99999,2026-11-24,2020-11-25,,,,,,"acme, inc"`, // a code no rule has; a comma carried
];

/** The dates of birth and claim ids above: never in a log line or a metric. */
export const CLAIM_SECRETS = ["2020-11-25", "2020-02-30", "2020-02-29", "2026-08-10", "B10"];

export const claimsCsv = (lines: readonly string[] = CLAIM_LINES): string =>
  `${[CLAIMS_HEADER, ...lines].join("\n")}\n`;

/**
 * The events a bulk audit of `csv` invokes the function with, `size` rows each: the S3 CSV
 * ItemReader's rows (every field a string, keyed by the first line), shaped by the state
 * machine's ItemSelector (the row's index and the row) and batched with the ItemBatcher's
 * BatchInput, as test/infra/bulk-audit.test.ts holds the definition to.
 */
export const batchEvents = (csv: string, ruleVersion: number, size: number): BatchEvent[] => {
  const rows: Record<string, string>[] = parse(csv, { columns: true });
  const items = rows.map((row, index) => ({ [BATCH_ITEM.index]: index, [BATCH_ITEM.row]: row }));
  const events: BatchEvent[] = [];
  for (let at = 0; at < items.length; at += size)
    events.push({
      Items: items.slice(at, at + size),
      BatchInput: { [BATCH_INPUT.ruleVersion]: ruleVersion },
    });
  return events;
};

/** The CLI's report without its byte-order mark and header line: the rows the batches return. */
export const reportRowsOf = (report: string): string => {
  const text = report.replace(/^\uFEFF/, "");
  return text.slice(text.indexOf("\r\n") + 2);
};
