import { Duration } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import {
  CsvHeaders,
  DistributedMap,
  ItemBatcher,
  JitterType,
  JsonPath,
  OutputType,
  type QueryLanguage,
  ResultWriterV2,
  S3CsvItemReader,
  StateMachineType,
  Transformation,
  WriterConfig,
} from "aws-cdk-lib/aws-stepfunctions";
import { LambdaInvoke } from "aws-cdk-lib/aws-stepfunctions-tasks";
import type { Construct } from "constructs";
import {
  AUDIT_INPUT,
  BATCH_INPUT,
  BATCH_ITEM,
  BATCH_LIMITS,
  BULK_ERRORS,
} from "../../bulk/bulk-names.js";

/*
 * The bulk audit as Step Functions runs it: one Distributed Map over the rows of a CSV file in
 * S3, a batch of rows per child workflow, each batch checked by one invocation of the bulk-check
 * function, every batch's report rows written to S3.
 */

/** The Distributed Map's label: it names its map runs, and the executions they start. */
export const MAP_LABEL = "CheckClaims";

/** Where in the report bucket each map run's results go: `reports/<map run id>/…`. */
export const REPORT_PREFIX = "reports";

/**
 * Batches checked at once. A batch is CPU-bound in memory (about 13 ms of one vCPU per 1,000
 * lines, `claims.batchMsPer1000`), so a child workflow's time is mostly Step Functions' own start
 * and invoke, and ten at a time check a million lines in a minute or two. The number caps the
 * function's concurrency (it is also its reserved concurrency, so an audit never takes the
 * selection function's) and the rules table's reads: each container reads the pinned version
 * once, at most ten containers run at a time, and each checks for a revocation once per TTL.
 */
export const MAX_CONCURRENCY = 10;

/**
 * No failed batch is tolerated: a batch that fails after its retries is lines the report does not
 * have, and an audit that silently skips lines reads as clean. The map run fails instead, with
 * the failed batches' errors (never a cell) in S3 beside the rows that were checked; starting the
 * audit again checks the same lines against the same pinned version.
 */
export const TOLERATED_FAILURE_PERCENTAGE = 0;

/**
 * What a batch is retried on: Lambda's own failures (the service, throttling; a batch that was
 * never checked) and an unreachable rules table, each with exponential backoff and full jitter,
 * so ten batches failing together do not retry together. A batch the function refuses (a bad
 * rule version, a header without `code`) fails at once: no retry changes it.
 */
export const BATCH_RETRY = {
  errors: [
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
    BULK_ERRORS.rulesUnavailable,
  ],
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 5,
  maxDelay: Duration.seconds(30),
  jitterStrategy: JitterType.FULL,
};

/**
 * A Distributed Map that writes its tolerated failure percentage even when it is 0, which the
 * CDK leaves out as the default: the definition then says what the audit tolerates.
 */
class ExplicitDistributedMap extends DistributedMap {
  override toStateJson(queryLanguage?: QueryLanguage): object {
    return {
      ...super.toStateJson(queryLanguage),
      ToleratedFailurePercentage: TOLERATED_FAILURE_PERCENTAGE,
    };
  }
}

export interface BulkAuditDefinitionProps {
  readonly checkBatch: IFunction;
  readonly input: IBucket;
  readonly reports: IBucket;
}

/** The state machine's one state: the Distributed Map, its batches checked by `checkBatch`. */
export const bulkAuditDefinition = (
  scope: Construct,
  { checkBatch, input, reports }: BulkAuditDefinitionProps,
): DistributedMap => {
  const map = new ExplicitDistributedMap(scope, "CheckClaims", {
    label: MAP_LABEL,
    itemReader: new S3CsvItemReader({
      bucket: input,
      key: JsonPath.stringAt(`$.${AUDIT_INPUT.key}`),
      csvHeaders: CsvHeaders.useFirstRow(),
    }),
    // Each row with its place in the file, so that its report row says the line it is on.
    itemSelector: {
      [BATCH_ITEM.index]: JsonPath.numberAt("$$.Map.Item.Index"),
      [BATCH_ITEM.row]: JsonPath.objectAt("$$.Map.Item.Value"),
    },
    itemBatcher: new ItemBatcher({
      maxItemsPerBatch: BATCH_LIMITS.maxItems,
      maxInputBytesPerBatch: BATCH_LIMITS.maxInputBytes,
      // Taken from the audit's input: the CDK writes BatchInput as given, so the path is spelled out.
      batchInput: { [`${BATCH_INPUT.ruleVersion}.$`]: `$.${AUDIT_INPUT.ruleVersion}` },
    }),
    // Each batch's output only (COMPACT, without its input, which is the claims again), a line of
    // JSON per batch.
    resultWriterV2: new ResultWriterV2({
      bucket: reports,
      prefix: REPORT_PREFIX,
      writerConfig: new WriterConfig({
        outputType: OutputType.JSONL,
        transformation: Transformation.COMPACT,
      }),
    }),
    maxConcurrency: MAX_CONCURRENCY,
    // A batch takes milliseconds: Express children cost a request each, not a transition per state.
    mapExecutionType: StateMachineType.EXPRESS,
  });
  const check = new LambdaInvoke(scope, "CheckBatch", {
    lambdaFunction: checkBatch,
    // The function's result alone (no invocation metadata), so a batch's output is its rows.
    payloadResponseOnly: true,
    retryOnServiceExceptions: false,
  });
  check.addRetry(BATCH_RETRY);
  map.itemProcessor(check);
  return map;
};
