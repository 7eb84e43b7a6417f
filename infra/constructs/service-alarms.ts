import { Duration, Stack } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { type ITopic, Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { ADMIN_METRICS } from "../../admin/admin-metric-names.js";
import { METRIC_NAMES, METRICS_NAMESPACE, SERVICE_NAME } from "../../lambda/service-names.js";

/** Where alarms go: a new topic with an email subscription, or a topic the team already watches. */
export type AlarmNotifications = { readonly email: string } | { readonly topicArn: string };

export interface ServiceAlarmsProps {
  readonly api: IHttpApi;
  readonly function: IFunction;
  /** The admin function behind the studio. */
  readonly adminFunction: IFunction;
  /** @default a new topic with no subscription: subscribe to it after the deploy */
  readonly notifications?: AlarmNotifications;
}

const PERIOD = Duration.minutes(5);

/** The share of selections refused by the rules above which a publish is suspected. */
const REFUSAL_SPIKE_PERCENT = 20;

/**
 * What an operator is woken for: the API failing, either function refusing work or failing, the
 * selection function unable to load rules or serving rules it cannot confirm are current, and a rule change that went
 * live without a second person's approval.
 */
export class ServiceAlarms extends Construct {
  readonly topic: ITopic;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    this.topic = this.notificationTopic(props.notifications);

    const serverErrorRate = new MathExpression({
      expression: "IF(requests > 0, 100 * errors / requests, 0)",
      usingMetrics: {
        errors: props.api.metricServerError({ statistic: Stats.SUM, period: PERIOD }),
        requests: props.api.metricCount({ statistic: Stats.SUM, period: PERIOD }),
      },
      label: "5xx responses, % of requests",
      period: PERIOD,
    });
    const serviceMetric = (metricName: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        // Powertools Metrics adds the service as a dimension to everything it emits.
        dimensionsMap: { service: SERVICE_NAME },
        statistic: Stats.SUM,
        period: PERIOD,
      });

    this.alarms = [
      this.alarm("ApiServerErrorRate", {
        metric: serverErrorRate,
        threshold: 5,
        description:
          "More than 5% of API requests answered 5xx in 2 of the last 3 five-minute periods (one failed request at low traffic does not page).",
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      }),
      // An HTTP API publishes no throttle metric, and its 429s are counted among every other 4xx.
      // Requests past the function's reserved concurrency are the throttling that hurts: Lambda
      // counts them as Throttles and callers get errors.
      this.alarm("FunctionThrottles", {
        metric: props.function.metricThrottles({ statistic: Stats.SUM, period: PERIOD }),
        threshold: 1,
        description:
          "The function refused invocations at its reserved concurrency: raise it or the API throttle.",
      }),
      this.alarm("FunctionErrors", {
        metric: props.function.metricErrors({ statistic: Stats.SUM, period: PERIOD }),
        threshold: 1,
        description:
          "The function failed outside its own error handling (crash at init, timeout, out of memory).",
      }),
      // A person in the studio sees the failure; the alarm says it is not theirs alone.
      this.alarm("AdminFunctionThrottles", {
        metric: props.adminFunction.metricThrottles({ statistic: Stats.SUM, period: PERIOD }),
        threshold: 1,
        description:
          "The admin function refused invocations at its reserved concurrency: studio actions failed.",
      }),
      this.alarm("AdminFunctionErrors", {
        metric: props.adminFunction.metricErrors({ statistic: Stats.SUM, period: PERIOD }),
        threshold: 1,
        description:
          "The admin function failed outside its own error handling (crash at init, timeout, out of memory): a studio action may not have finished; read its log.",
      }),
      this.alarm("RuleLoadFailures", {
        metric: serviceMetric(METRIC_NAMES.ruleLoadFailures),
        threshold: 1,
        description:
          "The function could not read the rules store (a timeout or an error; the log has the store's message).",
      }),
      this.alarm("RuleVersionsRefused", {
        metric: serviceMetric(METRIC_NAMES.ruleVersionsRefused),
        threshold: 1,
        description:
          "The function refused to serve a rule version: past the limits, a bad checksum, or invalid. Roll back to a good version.",
      }),
      // A batch of 100 items answering 503 is one 5xx request: counted per selection, it shows.
      this.alarm("UnavailableSelections", {
        metric: serviceMetric(METRIC_NAMES.unavailableSelections),
        threshold: 1,
        description:
          "Selections (batch items included) answered 503 for want of a rule version, in 2 five-minute periods running.",
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      }),
      this.alarm("RuleRefusalSpike", {
        metric: new MathExpression({
          expression:
            "IF(refusals + selections >= 20, 100 * refusals / (refusals + selections), 0)",
          usingMetrics: {
            refusals: serviceMetric(METRIC_NAMES.ruleRefusals),
            selections: serviceMetric(METRIC_NAMES.selections),
          },
          label: "selections refused by the rules, % of selections",
          period: PERIOD,
        }),
        threshold: REFUSAL_SPIKE_PERCENT,
        description: `More than ${REFUSAL_SPIKE_PERCENT}% of selections were refused by the rules (unknown procedure, no rule in effect, no band, ambiguous age): after a publish, the new version may have dropped coverage; compare with code-rules impact and roll back.`,
      }),
      // A store blip heals within one cache TTL; two periods in a row means published rules are
      // not reaching callers.
      this.alarm("StaleServes", {
        metric: serviceMetric(METRIC_NAMES.staleServes),
        threshold: 1,
        description:
          "Answers came from a rule version the function could not confirm as active, for 10 minutes.",
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      }),
      // CloudWatch sums no metric across dimensions: the alarm watches the datum the CLI raises
      // without one (beside the one by Action), so every break-glass move pages, publish or
      // rollback. A single move is the whole reason for the alarm.
      this.alarm("BreakGlassMoves", {
        metric: new Metric({
          namespace: ADMIN_METRICS.namespace,
          metricName: ADMIN_METRICS.breakGlassMoves,
          statistic: Stats.SUM,
          period: PERIOD,
        }),
        threshold: 1,
        description:
          "An admin published or rolled back rules with --break-glass: a rule change went live without a second person's approval. Read `code-rules audit` for who, what and the reason they gave, and review the change now.",
      }),
    ];
  }

  private alarm(
    id: string,
    options: {
      readonly metric: IMetric;
      readonly threshold: number;
      readonly description: string;
      readonly evaluationPeriods?: number;
      readonly datapointsToAlarm?: number;
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      datapointsToAlarm: options.datapointsToAlarm ?? 1,
      // Failures are counted only when they happen: no data is good news.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }

  private notificationTopic(notifications: AlarmNotifications | undefined): ITopic {
    if (notifications && "topicArn" in notifications) {
      return Topic.fromTopicArn(this, "Topic", notifications.topicArn);
    }
    const key = new Key(this, "TopicKey", {
      description: "Encrypts the code-rules alarm topic",
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications into the encrypted topic as a service principal:
    // for alarms of this account only, so no other account's alarms can use the key.
    const { account, partition, region } = Stack.of(this);
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
        conditions: {
          StringEquals: { "aws:SourceAccount": account },
          ArnLike: { "aws:SourceArn": `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    const topic = new Topic(this, "Topic", {
      displayName: "code-rules alarms",
      masterKey: key,
      enforceSSL: true,
    });
    if (notifications) topic.addSubscription(new EmailSubscription(notifications.email));
    return topic;
  }
}
