import { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import type { RuleSetContent } from "../core/rule-set.js";
import type { SelectionRequest } from "../core/select.js";
import { createService, type ServiceHandler } from "../lambda/service.js";
import { SERVICE_NAME } from "../lambda/service-names.js";
import { MemoryRuleSource } from "../support/memory-rule-source.js";
import { batchEvent } from "./core-bench.js";
import { selectEvent } from "./events.js";

const context = {
  functionName: "code-rules-prod-selection",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:code-rules-prod-selection",
  memoryLimitInMB: "512",
  awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678",
} as Context;

/** Every byte the handler writes to stdout (log lines and EMF documents) for one warm invocation. */
const bytesWritten = async (
  handle: ServiceHandler,
  event: APIGatewayProxyEventV2,
): Promise<number> => {
  await handle(event, context); // warm: the rule load's own line is not a request's
  let bytes = 0;
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    return true;
  }) as typeof process.stdout.write;
  try {
    await handle(event, context);
  } finally {
    process.stdout.write = write;
  }
  return bytes;
};

/**
 * What CloudWatch Logs ingests per request, from the handler as Lambda runs it: INFO logs with
 * the Lambda context, and metrics on.
 */
export const measureLogBytes = async (
  rules: RuleSetContent,
  requests: readonly SelectionRequest[],
): Promise<{ perSelect: number; perBatch100: number }> => {
  const metricsDisabled = process.env.POWERTOOLS_METRICS_DISABLED;
  // Metrics read the switch when the service is made: on for it, back as it was after.
  process.env.POWERTOOLS_METRICS_DISABLED = "false";
  try {
    const source = new MemoryRuleSource();
    await source.publish(rules, { actor: "bench", message: "shipped" });
    const { handle } = createService({
      tableName: "in-memory",
      source,
      publicKey: source.publicKey,
      ttlSeconds: 60,
      logger: new Logger({ serviceName: SERVICE_NAME, logLevel: "INFO" }),
    });
    const batch = batchEvent(requests.slice(0, 100));
    return {
      perSelect: await bytesWritten(handle, selectEvent()),
      perBatch100: await bytesWritten(handle, batch),
    };
  } finally {
    if (metricsDisabled === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = metricsDisabled;
  }
};
