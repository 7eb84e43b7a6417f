import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { Logger } from "@aws-lambda-powertools/logger";
import type { BatchEvent } from "../bulk/batch-event.js";
import { createBulkCheck } from "../bulk/bulk-check.js";
import { BATCH_INPUT, BATCH_ITEM } from "../bulk/bulk-names.js";
import type { RuleSet } from "../core/rule-set.js";
import { LOCAL_DEFAULTS } from "../local/local-defaults.js";
import { readValidRuleSet } from "../rule-files/read-rule-files.js";
import { MemoryRuleSource } from "../support/memory-rule-source.js";
import { claimLines } from "./claims-bench.js";
import { median } from "./median.js";

/*
 * `claims.batchMsPer1000`: what one child workflow of a bulk audit costs in Lambda time, the
 * figure docs/operators.md works the cost per million lines out from.
 */

/** The batch size the bulk-audit state machine asks its ItemBatcher for. */
export const BULK_BATCH_LINES = 1000;

/** Batches timed after the first (which reads and verifies the version): enough for a steady median. */
const ROUNDS = 41;

/**
 * A batch as the state machine sends it: the claims bench's lines, each row keyed by the header,
 * as the S3 CSV ItemReader gives it, with the ItemSelector's index.
 */
const batchOf = (ruleSet: RuleSet, ruleVersion: number): BatchEvent => {
  const lineOf = claimLines(ruleSet);
  const Items = Array.from({ length: BULK_BATCH_LINES }, (_, i) => ({
    [BATCH_ITEM.index]: i,
    [BATCH_ITEM.row]: { ...lineOf(i) },
  }));
  return { Items, BatchInput: { [BATCH_INPUT.ruleVersion]: ruleVersion } };
};

/**
 * The median milliseconds of the bulk-check handler over one batch of 1,000 lines, in process,
 * with the version already loaded (as in every batch but a container's first): the event's JSON
 * parsed and the report's serialized too, as the Lambda runtime does within the billed duration.
 */
export const measureBulkBatch = async (ruleSet: RuleSet): Promise<number> => {
  const source = new MemoryRuleSource();
  const version = await source.publish(ruleSet, { actor: "bench", message: "bench" });
  const handle = createBulkCheck({
    tableName: "in-memory",
    source,
    publicKey: source.publicKey,
    ttlSeconds: 3600,
    logger: new Logger({ serviceName: "code-rules-bulk", logLevel: "ERROR" }),
  });
  const event = JSON.stringify(batchOf(ruleSet, version));
  const once = async (): Promise<number> => {
    const started = performance.now();
    const report = await handle(JSON.parse(event));
    JSON.stringify(report);
    if (report.counts.lines !== BULK_BATCH_LINES) throw new Error("the batch lost lines");
    // A line refused for its form would time the refusal, not the check.
    if (report.counts.malformed > 0) throw new Error("the batch's lines are not claims it reads");
    return performance.now() - started;
  };
  await once();
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) times.push(await once());
  return median(times);
};

// `npx tsx bench/bulk-batch-bench.ts` prints the figure on its own.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const shipped = readValidRuleSet(LOCAL_DEFAULTS.shippedRules);
  if (!shipped.ok) throw new Error("the shipped rules do not validate");
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
  const ms = await measureBulkBatch(shipped.value.ruleSet);
  process.stdout.write(`${JSON.stringify({ "claims.batchMsPer1000": Number(ms.toFixed(2)) })}\n`);
}
