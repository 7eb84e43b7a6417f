import { type Logger, LogLevelThreshold } from "@aws-lambda-powertools/logger";
import type { Outcome, RequestRecord, Telemetry } from "./api/telemetry.js";
import type { MetricBuffer } from "./metric-buffer.js";
import { METRIC_NAMES } from "./service-names.js";
import type { LoaderEvent } from "./store/rule-loader.js";

/** Refusals the rules decide: a publish that drops coverage shows as these rising. */
const RULE_REFUSALS: ReadonlySet<string> = new Set([
  "unknown-procedure",
  "no-rule-in-effect",
  "age-not-covered",
  "ambiguous-age",
]);

/** How many of a request's selections gave each code, named each procedure, met each refusal. */
interface OutcomeCounts {
  readonly procedures: Record<string, number>;
  readonly codes: Record<string, number>;
  readonly refusals: Record<string, number>;
}

const countOutcomes = (outcomes: readonly Outcome[]): OutcomeCounts => {
  const counts: OutcomeCounts = { procedures: {}, codes: {}, refusals: {} };
  const add = (tally: Record<string, number>, key: string) => {
    tally[key] = (tally[key] ?? 0) + 1;
  };
  for (const outcome of outcomes) {
    if (outcome.procedure !== undefined) add(counts.procedures, outcome.procedure);
    if ("code" in outcome) add(counts.codes, outcome.code);
    else add(counts.refusals, outcome.refusal);
  }
  return counts;
};

/**
 * Logs one structured line per request, with its selections counted by procedure, code and
 * refusal kind, and counts Selections and Refusals (by kind) as metrics. A line and a metric
 * document cost the same whatever a batch holds: a code per dimension would add an EMF document
 * per code per request, so the codes are counted in the line, for Logs Insights. Only fields chosen
 * here reach a log line: never the body, never a date of birth.
 */
export const powertoolsTelemetry = (logger: Logger, metrics: MetricBuffer): Telemetry => ({
  requestServed(record: RequestRecord) {
    const { outcomes = [], ...fields } = record;
    const counts = countOutcomes(outcomes);
    // Asked first, because Powertools reads the environment on every call, printed or not.
    if (logger.level <= LogLevelThreshold.INFO)
      logger.info("request served", { ...fields, ...counts });
    const selections = Object.values(counts.codes).reduce((sum, count) => sum + count, 0);
    if (selections > 0) metrics.count(METRIC_NAMES.selections, {}, selections);
    let ruleRefusals = 0;
    for (const [kind, count] of Object.entries(counts.refusals)) {
      metrics.count(METRIC_NAMES.refusals, { Kind: kind }, count);
      if (RULE_REFUSALS.has(kind)) ruleRefusals += count;
    }
    // In the document without dimensions that Selections already writes: the refusal-spike alarm's
    // share needs both, and neither costs a line of its own.
    if (ruleRefusals > 0) metrics.count(METRIC_NAMES.ruleRefusals, {}, ruleRefusals);
    const unavailable = counts.refusals["rules-unavailable"] ?? 0;
    if (unavailable > 0) metrics.count(METRIC_NAMES.unavailableSelections, {}, unavailable);
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

/**
 * The loader's reports as log lines and metrics: a refused version is an error and counts as a
 * refused version, an unreachable store a warning and a failure of the store. The store's own
 * error text is here, in the log, and never in an answer.
 */
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
        metrics.count(METRIC_NAMES.ruleLoadFailures);
        return;
      case "version-rejected":
        logger.error("rule version refused; it is never served", { ...event });
        metrics.count(METRIC_NAMES.ruleVersionsRefused);
    }
  };
