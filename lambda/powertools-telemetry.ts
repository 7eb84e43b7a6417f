import { type Logger, LogLevelThreshold } from "@aws-lambda-powertools/logger";
import type { Outcome, RequestRecord, Telemetry } from "./api/telemetry.js";
import type { MetricBuffer } from "./metric-buffer.js";
import { METRIC_NAMES } from "./service-names.js";
import type { LoaderEvent } from "./store/rule-loader.js";

/**
 * Logs one structured line per request and counts selections by code and refusals by kind. Only
 * fields chosen here reach a log line: never the body, never a date of birth.
 */
export const powertoolsTelemetry = (logger: Logger, metrics: MetricBuffer): Telemetry => ({
  requestServed(record: RequestRecord) {
    const { outcomes = [], ...fields } = record;
    // Asked first, because Powertools reads the environment on every call, printed or not.
    if (logger.level <= LogLevelThreshold.INFO) {
      logger.info("request served", { ...fields, selections: outcomes.map(describeOutcome) });
    }
    for (const outcome of outcomes) countOutcome(metrics, outcome);
    if (record.stale) metrics.count(METRIC_NAMES.staleServes);
  },
  requestFailed(requestId: string, route: string, error: unknown) {
    logger.error("request failed", {
      requestId,
      route,
      error:
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : String(error),
    });
  },
});

const describeOutcome = (outcome: Outcome) =>
  "code" in outcome
    ? { procedure: outcome.procedure, code: outcome.code }
    : { procedure: outcome.procedure, refusal: outcome.refusal };

const countOutcome = (metrics: MetricBuffer, outcome: Outcome): void => {
  if ("code" in outcome) metrics.count(METRIC_NAMES.selections, { Code: outcome.code });
  else metrics.count(METRIC_NAMES.refusals, { Kind: outcome.refusal });
};

/** The loader's reports as log lines and metrics: a refused version is an error, an unreachable store a warning. */
export const reportRulesEvent =
  (logger: Logger, metrics: MetricBuffer) =>
  (event: LoaderEvent): void => {
    switch (event.kind) {
      case "version-loaded":
        logger.info("rule version loaded", { ...event });
        return;
      case "store-unreachable":
        logger.warn("rules store unreachable; the last good version, if any, is served stale", {
          ...event,
        });
        break;
      default:
        logger.error("rule version refused; it is never served", { ...event });
    }
    metrics.count(METRIC_NAMES.ruleLoadFailures);
  };
