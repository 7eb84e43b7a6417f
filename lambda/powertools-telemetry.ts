import { type Logger, LogLevelThreshold } from "@aws-lambda-powertools/logger";
import type { Outcome, RequestRecord, Telemetry } from "../http/telemetry.js";
import type { MetricBuffer } from "./metric-buffer.js";
import type { LoaderEvent } from "./rule-source.js";
import { METRIC_NAMES } from "./service-names.js";

/** Refusals the rules decide: a publish that drops coverage shows as these rising. */
const RULE_REFUSALS: ReadonlySet<string> = new Set([
  "unknown-procedure",
  "no-rule-in-effect",
  "age-not-covered",
  "weight-not-covered",
  "ambiguous-age",
]);

/** How many of a request's selections named each procedure and gave each code: for its log line. */
const tallyByProcedureAndCode = (outcomes: readonly Outcome[]) => {
  const procedures: Record<string, number> = {};
  const codes: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.procedure !== undefined)
      procedures[outcome.procedure] = (procedures[outcome.procedure] ?? 0) + 1;
    if ("code" in outcome) codes[outcome.code] = (codes[outcome.code] ?? 0) + 1;
  }
  return { procedures, codes };
};

/** How many of a request's selections gave a code, and how many met each kind of refusal. */
const countSelections = (outcomes: readonly Outcome[]) => {
  let selections = 0;
  const refusals = new Map<string, number>();
  for (const outcome of outcomes) {
    if ("code" in outcome) selections += 1;
    else refusals.set(outcome.refusal, (refusals.get(outcome.refusal) ?? 0) + 1);
  }
  return { selections, refusals };
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
    const { selections, refusals } = countSelections(outcomes);
    // Asked first, because Powertools reads the environment on every call, printed or not; and the
    // tallies by procedure and code are for this line alone.
    if (logger.level <= LogLevelThreshold.INFO) {
      const tallies = tallyByProcedureAndCode(outcomes);
      logger.info("request served", {
        ...fields,
        ...tallies,
        refusals: Object.fromEntries(refusals),
      });
    }
    if (selections > 0) metrics.count(METRIC_NAMES.selections, {}, selections);
    let ruleRefusals = 0;
    for (const [kind, count] of refusals) {
      metrics.count(METRIC_NAMES.refusals, { Kind: kind }, count);
      if (RULE_REFUSALS.has(kind)) ruleRefusals += count;
    }
    // In the document without dimensions that Selections already writes: the refusal-spike alarm's
    // share needs both, and neither costs a line of its own.
    if (ruleRefusals > 0) metrics.count(METRIC_NAMES.ruleRefusals, {}, ruleRefusals);
    const unavailable = refusals.get("rules-unavailable") ?? 0;
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
        return;
      case "pointer-rejected":
        // Counted with refused versions: the same alarm says rules were changed outside publish.
        logger.error("active pointer refused; the last good version, if any, is served stale", {
          ...event,
        });
        metrics.count(METRIC_NAMES.ruleVersionsRefused);
    }
  };
