import type { Context } from "aws-lambda";
import { type ClaimCheck, claimCheck } from "../claims/claim-check.js";
import type { RuleSet } from "../core/rule-set.js";
import { type RulesConfig, rulesWiring } from "../lambda/rules-wiring.js";
import { batchEventOf } from "./batch-event.js";
import { type BatchReport, checkBatch } from "./batch-report.js";
import { reportBatch } from "./batch-telemetry.js";
import { batchRefused, rulesRefused } from "./bulk-error.js";
import { BULK_SERVICE_NAME } from "./bulk-names.js";

/*
 * The bulk-check function's composition root, shared by Lambda, the tests and the bench. The
 * batch's rule version is read through the selection function's own loader: verified as every read
 * is (limits, count, checksum, validation, signature, revocation), then kept for the container's
 * life, so its lines are checked in memory with no DynamoDB call per line or per batch.
 */

/** One invocation: the batch event Step Functions sends, and the Lambda context when Lambda calls. */
export type BulkCheckHandler = (event: unknown, context?: Context) => Promise<BatchReport>;

/** One claim check per rule version, kept with it: its memo of checks by age serves every batch. */
const checksByVersion = (): ((ruleSet: RuleSet) => ClaimCheck) => {
  const checks = new WeakMap<RuleSet, ClaimCheck>();
  return (ruleSet) => {
    const known = checks.get(ruleSet);
    if (known) return known;
    const check = claimCheck(ruleSet);
    checks.set(ruleSet, check);
    return check;
  };
};

export const createBulkCheck = (config: RulesConfig): BulkCheckHandler => {
  const { logger, metrics, loader } = rulesWiring(config, BULK_SERVICE_NAME);
  const checkFor = checksByVersion();
  return async (event, context) => {
    if (context) logger.addContext(context);
    const started = performance.now();
    try {
      const batch = batchEventOf(event);
      if (!batch.ok) throw batchRefused(`not a batch of the bulk audit: ${batch.error}`);
      const { BatchInput, Items } = batch.value;
      const loaded = await loader.load({ version: BatchInput.ruleVersion });
      if (!loaded.ok) throw rulesRefused(loaded.error);
      const report = checkBatch(checkFor(loaded.value.ruleSet), BatchInput.ruleVersion, Items);
      reportBatch(logger, metrics, report, performance.now() - started);
      return report;
    } finally {
      metrics.flush();
    }
  };
};
