import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { NO_ADMIN_METRICS } from "../../admin/admin-metrics.js";
import { cloudWatchAdminMetrics, type MetricDataSender } from "../../admin/cloudwatch-metrics.js";

/** A CloudWatch that keeps every command it is sent, and fails when told to. */
const recordingCloudWatch = (failure?: Error) => {
  const sent: PutMetricDataCommand[] = [];
  const client: MetricDataSender = {
    send: async (command) => {
      sent.push(command);
      if (failure) throw failure;
      return {};
    },
  };
  return { client, sent };
};

describe("the CloudWatch admin metrics", () => {
  it.each(["publish", "rollback"] as const)(
    "count a break-glass %s once in CodeRules/Admin, without a dimension and by Action",
    async (action) => {
      const { client, sent } = recordingCloudWatch();
      await cloudWatchAdminMetrics(client).breakGlass(action);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toBeInstanceOf(PutMetricDataCommand);
      expect(sent[0]?.input).toEqual({
        Namespace: "CodeRules/Admin",
        MetricData: [
          { MetricName: "BreakGlassMoves", Value: 1, Unit: "Count" },
          {
            MetricName: "BreakGlassMoves",
            Value: 1,
            Unit: "Count",
            Dimensions: [{ Name: "Action", Value: action }],
          },
        ],
      });
    },
  );

  it("reject when CloudWatch refuses the metric, so the caller can say no alarm was raised", async () => {
    const { client } = recordingCloudWatch(new Error("AccessDenied: cloudwatch:PutMetricData"));
    await expect(cloudWatchAdminMetrics(client).breakGlass("publish")).rejects.toThrow(
      /AccessDenied/,
    );
  });
});

describe("the admin metrics for DynamoDB Local", () => {
  it("raise nothing and never fail", async () => {
    await expect(NO_ADMIN_METRICS.breakGlass("rollback")).resolves.toBeUndefined();
  });
});
