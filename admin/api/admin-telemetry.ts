import type { Logger } from "@aws-lambda-powertools/logger";
import type { Telemetry } from "../../http/telemetry.js";

/**
 * One log line per request of the studio's API: the route (its template, never the numbers in
 * it), the status and the time taken. Bodies are rules and names, never logged.
 */
export const adminTelemetry = (logger: Pick<Logger, "info" | "error">): Telemetry => ({
  requestServed: ({ requestId, route, status, latencyMs }) =>
    logger.info("request", { requestId, route, status, latencyMs }),
  requestFailed: (requestId, route, error) =>
    logger.error("request failed", { requestId, route, error: error as Error }),
});
