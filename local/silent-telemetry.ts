import { Logger } from "@aws-lambda-powertools/logger";
import { MetricBuffer } from "../lambda/metric-buffer.js";
import { METRICS_NAMESPACE, SERVICE_NAME } from "../lambda/service-names.js";

/**
 * Counts nothing and publishes nothing: inside another project's tests, an EMF document per
 * request is noise in that project's output, and no CloudWatch reads it.
 */
class UncountedMetrics extends MetricBuffer {
  override count(): void {}
  override flush(): void {}
}

/** The service's logger and metrics, printing nothing, for a server started inside tests. */
export const silentTelemetry = () => ({
  logger: new Logger({ serviceName: SERVICE_NAME, logLevel: "SILENT" }),
  metrics: new UncountedMetrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME }),
});
