import {
  CloudWatchClient,
  type MetricDatum,
  PutMetricDataCommand,
} from "@aws-sdk/client-cloudwatch";
import { ADMIN_METRICS } from "./admin-metric-names.js";
import type { AdminMetrics } from "./admin-metrics.js";

/** The one call made of CloudWatch, so a test can record it without a client. */
export interface MetricDataSender {
  send(command: PutMetricDataCommand): Promise<unknown>;
}

/**
 * Raises the admin side's metrics in CloudWatch, under the one namespace the admin policy lets it
 * write (cloudwatch:namespace). A failed call rejects, and the break-glass move that raised it
 * does not go live (admin/break-glass.ts): there is no quiet way around the alarm.
 */
export const cloudWatchAdminMetrics = (
  cloudwatch: MetricDataSender = new CloudWatchClient({}),
): AdminMetrics => ({
  breakGlass: async (action) => {
    const move: MetricDatum = {
      MetricName: ADMIN_METRICS.breakGlassMoves,
      Value: 1,
      Unit: "Count",
    };
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: ADMIN_METRICS.namespace,
        // CloudWatch adds nothing up across dimensions: the stack's alarm watches the datum without
        // one, so it fires on every break-glass move; the one by Action says which kind it was.
        MetricData: [move, { ...move, Dimensions: [{ Name: "Action", Value: action }] }],
      }),
    );
  },
});
