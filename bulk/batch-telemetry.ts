import type { Logger } from "@aws-lambda-powertools/logger";
import type { MetricBuffer } from "../lambda/metric-buffer.js";
import type { BatchReport } from "./batch-report.js";
import { BULK_METRIC_NAMES } from "./bulk-names.js";

/**
 * A checked batch as one log line and three counts. Only numbers are chosen here, never a row,
 * a cell, a claim id or a billed code: the report in S3 is where the lines are.
 */
export const reportBatch = (
  logger: Logger,
  metrics: MetricBuffer,
  { ruleVersion, counts }: BatchReport,
  milliseconds: number,
): void => {
  const notChecked = counts.lines - counts.consistent - counts.inconsistent;
  logger.info("batch checked", {
    ruleVersion,
    lines: counts.lines,
    consistent: counts.consistent,
    inconsistent: counts.inconsistent,
    notChecked,
    malformed: counts.malformed,
    milliseconds: Math.round(milliseconds),
  });
  metrics.count(BULK_METRIC_NAMES.lines, {}, counts.lines);
  metrics.count(BULK_METRIC_NAMES.inconsistent, {}, counts.inconsistent);
  metrics.count(BULK_METRIC_NAMES.notChecked, {}, notChecked);
};
