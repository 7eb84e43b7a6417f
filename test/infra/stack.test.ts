import { type CfnElement, Duration } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { describe, expect, it } from "vitest";
import {
  logicalId,
  ofType,
  type Resource,
  refTo,
  stack,
  synthesizedOnce,
  template,
} from "./support/stack-template.js";
import { synthesize } from "./support/synth.js";

synthesizedOnce();

describe("permissions", () => {
  it("are all managed policies: no inline policy on any role", () => {
    expect(ofType("AWS::IAM::Policy")).toEqual([]);
    for (const role of ofType("AWS::IAM::Role")) expect(role.Properties.Policies).toBeUndefined();
  });
});

describe("logs", () => {
  it("are encrypted with the stack's key and kept for a year", () => {
    const logGroups = ofType("AWS::Logs::LogGroup");
    expect(logGroups.length).toBeGreaterThanOrEqual(3);
    for (const logGroup of logGroups) {
      expect(logGroup.Properties).toMatchObject({
        RetentionInDays: 365,
        KmsKeyId: { "Fn::GetAtt": [expect.stringMatching(/^LogsKey/), "Arn"] },
      });
    }
  });
});

describe("alarms", () => {
  const alarms = () => ofType("AWS::CloudWatch::Alarm");
  const alarmOn = (metricName: string) =>
    alarms().find((alarm) => alarm.Properties.MetricName === metricName)?.Properties;

  interface AlarmMetric {
    readonly Expression?: string;
    readonly MetricStat?: { readonly Metric: { readonly MetricName: string } };
  }
  const metricsOf = (alarm: Resource | undefined) =>
    (alarm?.Properties.Metrics ?? []) as AlarmMetric[];
  const expressionAlarm = (part: string) =>
    alarms().find((alarm) => metricsOf(alarm).some((metric) => metric.Expression?.includes(part)));

  it("watch the API's 5xx rate", () => {
    const rate = expressionAlarm("errors / requests");
    expect(rate?.Properties.Metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Expression: expect.stringContaining("errors / requests") }),
        expect.objectContaining({
          MetricStat: expect.objectContaining({
            Metric: {
              Namespace: "AWS/ApiGateway",
              MetricName: "5xx",
              Dimensions: [{ Name: "ApiId", Value: refTo(stack.api.api) }],
            },
          }),
        }),
      ]),
    );
  });

  it.each([
    ["selection", () => stack.selection.function],
    ["admin", () => stack.admin.function],
  ])("watch the %s function's throttles and errors", (_name, fn) => {
    const onFunction = (metricName: string) =>
      alarms()
        .filter((alarm) => alarm.Properties.MetricName === metricName)
        .filter(
          (alarm) =>
            JSON.stringify(alarm.Properties.Dimensions) ===
            JSON.stringify([{ Name: "FunctionName", Value: refTo(fn()) }]),
        );
    for (const metricName of ["Throttles", "Errors"]) {
      expect(onFunction(metricName), metricName).toEqual([
        expect.objectContaining({
          Properties: expect.objectContaining({ Namespace: "AWS/Lambda", Threshold: 1 }),
        }),
      ]);
    }
  });

  it("watch what the function emits through Powertools: store failures, refused versions, unanswered selections, stale serves", () => {
    for (const metricName of [
      "RuleLoadFailures",
      "RuleVersionsRefused",
      "UnavailableSelections",
      "StaleServes",
    ]) {
      expect(alarmOn(metricName)).toMatchObject({
        Namespace: "CodeRules",
        Dimensions: [{ Name: "service", Value: "code-rules" }],
        Statistic: "Sum",
      });
    }
  });

  it("watch the share of selections the rules refuse, which a publish that drops coverage raises", () => {
    const spike = expressionAlarm("refusals / (refusals + selections)");
    expect(spike?.Properties).toMatchObject({ Threshold: 20 });
    const metricNames = metricsOf(spike).flatMap((metric) =>
      metric.MetricStat ? [metric.MetricStat.Metric.MetricName] : [],
    );
    expect(metricNames).toEqual(["RuleRefusals", "Selections"]);
  });

  it("watch the break-glass moves the CLI counts: one move in five minutes, in any action, pages", () => {
    expect(alarmOn("BreakGlassMoves")).toEqual(
      expect.objectContaining({
        Namespace: "CodeRules/Admin",
        Statistic: "Sum",
        Period: 300,
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        TreatMissingData: "notBreaching",
        AlarmDescription: expect.stringMatching(
          /without a second person's approval.*code-rules audit/,
        ),
      }),
    );
    // The CLI raises the datum without a dimension for the alarm: one with a dimension would
    // watch a single action, and miss the other.
    expect(alarmOn("BreakGlassMoves")?.Dimensions).toBeUndefined();
  });

  it("notify a KMS-encrypted topic on alarm and on recovery", () => {
    expect(alarms()).toHaveLength(11);
    const topic = refTo(stack.alarms.topic);
    for (const alarm of alarms()) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: [topic], OKActions: [topic] });
    }
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
  });

  it("notify through a key that admits CloudWatch for this account's alarms only", () => {
    template.hasResourceProperties("AWS::KMS::Key", {
      Description: "Encrypts the code-rules alarm topic",
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Condition: {
              StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
              ArnLike: { "aws:SourceArn": Match.anyValue() },
            },
          }),
        ]),
      },
    });
  });
});

describe("outputs", () => {
  it("give the API URL, the table name, the invoke policy ARN and the admin role's", () => {
    template.hasOutput("ApiUrl", {});
    template.hasOutput("RulesTableName", { Value: refTo(stack.rulesTable.table) });
    template.hasOutput("InvokePolicyArn", { Value: refTo(stack.api.invokePolicy) });
    template.hasOutput("AdminRoleArn", {
      Value: { "Fn::GetAtt": [logicalId(stack.adminRole.role), "Arn"] },
    });
    // The admin policy is the admin role's: signing works for no other holder, so it is not
    // offered for attaching.
    expect(template.toJSON().Outputs.AdminPolicyArn).toBeUndefined();
  });
});

describe("props", () => {
  it("set the cache TTL, throttling, reserved concurrency, log retention and alarm email", () => {
    const custom = synthesize({
      props: {
        rulesCacheTtl: Duration.seconds(30),
        throttle: { rateLimit: 7, burstLimit: 11 },
        reservedConcurrency: 3,
        logRetention: RetentionDays.ONE_MONTH,
        alarmNotifications: { email: "oncall@example.org" },
      },
    });
    const fn = custom.template.toJSON().Resources[
      custom.stack.getLogicalId(custom.stack.selection.function.node.defaultChild as CfnElement)
    ] as Resource;
    expect(fn.Properties).toMatchObject({
      ReservedConcurrentExecutions: 3,
      Environment: { Variables: expect.objectContaining({ RULES_CACHE_TTL_SECONDS: "30" }) },
    });
    custom.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 11 },
    });
    custom.template.allResourcesProperties("AWS::Logs::LogGroup", { RetentionInDays: 30 });
    custom.template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "oncall@example.org",
    });
  });

  it("send alarms to an existing topic instead of creating one", () => {
    const topicArn = "arn:aws:sns:eu-west-1:123456789012:oncall";
    const custom = synthesize({ props: { alarmNotifications: { topicArn } } });
    custom.template.resourceCountIs("AWS::SNS::Topic", 0);
    custom.template.allResourcesProperties("AWS::CloudWatch::Alarm", {
      AlarmActions: [topicArn],
      OKActions: [topicArn],
    });
  });
});
