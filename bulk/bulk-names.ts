/**
 * The names the stack and the bulk-check function agree on: the shape of the batches the bulk-audit
 * state machine hands the function, what an audit is started with, and the function's metrics.
 * infra/ imports it, so it imports nothing itself.
 */
export const BULK_SERVICE_NAME = "code-rules-bulk";

/** What `aws stepfunctions start-execution --input` gives: the claims file's key, the version. */
export const AUDIT_INPUT = { key: "key", ruleVersion: "ruleVersion" } as const;

/**
 * Each item of a batch, as the Distributed Map's ItemSelector makes it from a CSV row: the row's
 * position among the file's rows (from 0) and the row itself, keyed by the header.
 */
export const BATCH_ITEM = { index: "index", row: "row" } as const;

/**
 * How much the ItemBatcher puts in one batch. A child workflow's output is at most 256 KiB, and a
 * batch's report rows carry input cells through plus up to about 300 bytes of their own (the
 * longest explanation: an age no band covers, with the procedure and every band named). 500 such
 * rows come to about 150 KiB, and what they carry is bounded by the batch's 64 KiB of input;
 * 1,000 of them could pass the limit (test/bulk/batch-limits.test.ts).
 */
export const BATCH_LIMITS = {
  maxItems: 500,
  maxInputBytes: 64 * 1024,
  /** Step Functions' limit on a child workflow's output, and so on what one batch returns. */
  maxOutputBytes: 256 * 1024,
} as const;

/** What the ItemBatcher adds to every batch, from the audit's input. */
export const BATCH_INPUT = { ruleVersion: "ruleVersion" } as const;

/**
 * The errors the function fails a batch with, as Step Functions names them (the error's `name`).
 * Only `rulesUnavailable` passes: the rules table could not be read.
 */
export const BULK_ERRORS = {
  rulesUnavailable: "RulesUnavailable",
  ruleVersionRefused: "RuleVersionRefused",
  batchRefused: "BatchRefused",
} as const;

/** Counts per batch, in the CodeRules namespace under the bulk service; never a cell of a line. */
export const BULK_METRIC_NAMES = {
  lines: "BulkLines",
  inconsistent: "BulkInconsistentLines",
  notChecked: "BulkLinesNotChecked",
} as const;
