import { type CfnElement, Duration } from "aws-cdk-lib";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import type { CodeRulesStack } from "../../infra/code-rules-stack.js";
import { projectPaths } from "../../infra/project-paths.js";
import { ROUTES } from "../../lambda/api/routes.js";
import { readRuleFiles } from "../../rule-files/read-rule-files.js";
import { synthesize } from "./support/synth.js";

type Json = Record<string, unknown>;
interface Resource {
  readonly Type: string;
  readonly Properties: Json;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}
interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

let stack: CodeRulesStack;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  ({ stack, template } = synthesize());
  resources = template.toJSON().Resources;
});

const logicalId = (construct: IConstruct): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);
const byId = (id: string): Resource => {
  const found = resources[id];
  if (!found) throw new Error(`${id} is not in the template`);
  return found;
};
const resource = (construct: IConstruct): Resource => byId(logicalId(construct));
const ofType = (type: string): Resource[] =>
  Object.values(resources).filter((candidate) => candidate.Type === type);
const refTo = (construct: IConstruct) => ({ Ref: logicalId(construct) });
const arnOf = (construct: IConstruct) => ({ "Fn::GetAtt": [logicalId(construct), "Arn"] });
const statementsOf = (policy: Resource): Statement[] =>
  (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
const actions = (statement: Statement): string[] => [statement.Action].flat();

/** Every statement of every managed policy attached to a function's role. */
const functionStatements = (fn: IConstruct): Statement[] => {
  const role = resource(fn).Properties.Role as { "Fn::GetAtt": [string, string] };
  const policies = byId(role["Fn::GetAtt"][0]).Properties.ManagedPolicyArns as { Ref: string }[];
  return policies.flatMap(({ Ref }) => statementsOf(byId(Ref)));
};

describe("the rules table", () => {
  it("keys on the pk and sk strings of lambda/store/table-schema.ts", () => {
    expect(resource(stack.rulesTable.table).Properties).toMatchObject({
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
      ],
    });
  });

  it("bills on demand and is encrypted at rest with KMS", () => {
    expect(resource(stack.rulesTable.table).Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      SSESpecification: { SSEEnabled: true, SSEType: "KMS" },
    });
  });

  it("keeps point-in-time recovery and deletion protection on", () => {
    expect(resource(stack.rulesTable.table).Properties.Replicas).toEqual([
      expect.objectContaining({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    ]);
  });

  it("is retained when the stack is deleted or the table replaced", () => {
    expect(resource(stack.rulesTable.table)).toMatchObject({
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
  });
});

describe("the selection function", () => {
  const properties = () => resource(stack.selection.function).Properties;

  it("runs the handler export of the lambda/handler.ts bundle on Node.js 24, arm64", () => {
    expect(properties()).toMatchObject({
      Handler: "index.handler",
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
    });
  });

  it("is bounded: 10 s, 512 MB and 20 reserved concurrent executions", () => {
    expect(properties()).toMatchObject({
      Timeout: 10,
      MemorySize: 512,
      ReservedConcurrentExecutions: 20,
    });
  });

  it("is told its table, a 5 s cache TTL, the signing public key, its Powertools names, and to use source maps", () => {
    expect(properties().Environment).toEqual({
      Variables: {
        RULES_TABLE_NAME: refTo(stack.rulesTable.table),
        RULES_CACHE_TTL_SECONDS: "5",
        RULES_SIGNING_PUBLIC_KEY: {
          "Fn::GetAtt": [logicalId(stack.signingKey.node.findChild("PublicKey")), "PublicKey"],
        },
        POWERTOOLS_SERVICE_NAME: "code-rules",
        POWERTOOLS_METRICS_NAMESPACE: "CodeRules",
        NODE_OPTIONS: "--enable-source-maps",
      },
    });
  });

  it("logs JSON to its own log group, and is not half traced: no active tracing, no X-Ray grant", () => {
    expect(properties()).toMatchObject({
      LoggingConfig: { LogFormat: "JSON", LogGroup: refTo(stack.selection.logGroup) },
    });
    expect(properties().TracingConfig).toBeUndefined();
    expect(
      functionStatements(stack.selection.function)
        .flatMap(actions)
        .filter((action) => action.startsWith("xray:")),
    ).toEqual([]);
  });

  it("may GetItem and Query the rules table, and do nothing else to DynamoDB", () => {
    const dynamo = functionStatements(stack.selection.function).filter((statement) =>
      actions(statement).some((action) => action.startsWith("dynamodb:")),
    );
    expect(dynamo).toEqual([
      {
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:Query"],
        Resource: arnOf(stack.rulesTable.table),
      },
    ]);
  });

  it("holds no DynamoDB write action and no wildcard action", () => {
    const granted = functionStatements(stack.selection.function).flatMap(actions);
    expect(
      granted.filter((action) => /^dynamodb:(Put|Update|Delete|Batch|Transact|\*)/.test(action)),
    ).toEqual([]);
    expect(granted.filter((action) => action.includes("*"))).toEqual([]);
  });
});

describe("the HTTP API", () => {
  const routes = () => ofType("AWS::ApiGatewayV2::Route");

  it("routes exactly the operations of the route table", () => {
    const declared = Object.values(ROUTES).map(({ method, path }) => `${method} ${path}`);
    expect(
      routes()
        .map((route) => route.Properties.RouteKey)
        .sort(),
    ).toEqual(declared.sort());
  });

  it("requires IAM (SigV4) authorization on every route", () => {
    expect(routes()).toHaveLength(Object.keys(ROUTES).length);
    for (const route of routes()) {
      expect(route.Properties.AuthorizationType, String(route.Properties.RouteKey)).toBe("AWS_IAM");
    }
  });

  it("serves the routes at the root of its URL, throttled to 50 requests a second, bursts of 100", () => {
    expect(resource(stack.api.stage).Properties).toMatchObject({
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it("writes a JSON access log line per request, with no body, to its own log group", () => {
    const { DestinationArn, Format } = resource(stack.api.stage).Properties.AccessLogSettings as {
      DestinationArn: unknown;
      Format: string;
    };
    expect(DestinationArn).toEqual(arnOf(stack.api.accessLogs));
    const fields = JSON.parse(Format) as Record<string, string>;
    expect(fields).toMatchObject({
      requestId: "$context.requestId",
      ip: "$context.identity.sourceIp",
      method: "$context.httpMethod",
      routeKey: "$context.routeKey",
      status: "$context.status",
      latencyMs: "$context.responseLatency",
    });
    expect(Format).not.toMatch(/body|\$input|override/i);
  });

  it("offers a policy that invokes the route table's routes on its stage and nothing else", () => {
    const statements = statementsOf(resource(stack.api.invokePolicy));
    expect(statements).toEqual([
      { Effect: "Allow", Action: "execute-api:Invoke", Resource: expect.any(Array) },
    ]);
    const routeArns = statements
      .flatMap((statement) => statement.Resource as { "Fn::Join": [string, unknown[]] }[])
      .map((arn) => arn["Fn::Join"][1]);
    expect(routeArns).toHaveLength(Object.keys(ROUTES).length);
    for (const parts of routeArns) {
      expect(parts).toContainEqual(refTo(stack.api.api));
      expect(parts.at(-1)).toMatch(/^\/\$default\/(GET|POST)\/[a-z]/);
    }
  });
});

describe("the admin policy", () => {
  const leadingKeys = (...partitions: string[]) => ({
    "ForAllValues:StringLike": { "dynamodb:LeadingKeys": partitions },
  });
  const onTable = (action: string[], condition?: Json) => ({
    Effect: "Allow",
    Action: action.length === 1 ? action[0] : action,
    Resource: arnOf(stack.rulesTable.table),
    ...(condition && { Condition: condition }),
  });

  it("reads the table, and writes each partition only with the actions publish, rollback, revoke and gc need", () => {
    expect(statementsOf(resource(stack.rulesTable.adminPolicy)).slice(0, 4)).toEqual([
      onTable(["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query"]),
      onTable(["dynamodb:BatchWriteItem", "dynamodb:DeleteItem"], leadingKeys("VERSION#*")),
      onTable(["dynamodb:PutItem"], leadingKeys("VERSIONS", "POINTER", "AUDIT")),
      // UpdateItem and ConditionCheckItem reach the same partitions: CDK merges them.
      onTable(
        ["dynamodb:ConditionCheckItem", "dynamodb:UpdateItem"],
        leadingKeys("VERSIONS", "POINTER"),
      ),
    ]);
  });

  it("deletes version content only: never metadata, the pointer or the audit trail", () => {
    const deleting = statementsOf(resource(stack.rulesTable.adminPolicy)).filter((statement) =>
      actions(statement).some((action) => /Delete|BatchWrite/.test(action)),
    );
    expect(deleting).toHaveLength(1);
    expect(deleting[0]).toMatchObject({ Condition: leadingKeys("VERSION#*") });
  });

  it("signs with the stack's signing key", () => {
    expect(statementsOf(resource(stack.rulesTable.adminPolicy)).slice(4)).toEqual([
      {
        Effect: "Allow",
        Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
        Resource: arnOf(stack.signingKey.key),
      },
    ]);
  });
});

describe("the signing key", () => {
  it("is an asymmetric P-256 key for signing and verifying, retained with the table", () => {
    expect(resource(stack.signingKey.key)).toMatchObject({
      Properties: { KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" },
      DeletionPolicy: "Retain",
    });
  });

  it("may sign only through the admin policy: no other policy in the stack grants kms:Sign", () => {
    const signing = Object.entries(resources).filter(
      ([, candidate]) =>
        candidate.Type === "AWS::IAM::ManagedPolicy" &&
        statementsOf(candidate).some((statement) => actions(statement).includes("kms:Sign")),
    );
    expect(signing.map(([id]) => id)).toEqual([logicalId(stack.rulesTable.adminPolicy)]);
  });

  it("gives its public key to the function through a custom resource that may only read it", () => {
    const [reader, ...others] = ofType("Custom::CodeRulesPublicKey");
    expect(others).toEqual([]);
    expect(reader?.Properties).toMatchObject({ KeyId: arnOf(stack.signingKey.key) });
    const handler = stack.signingKey.node.findChild("PublicKey").node.findChild("Handler");
    const granted = functionStatements(handler.node.findChild("Function")).filter(
      (statement) => !actions(statement).some((action) => action.startsWith("logs:")),
    );
    expect(granted).toEqual([
      { Effect: "Allow", Action: "kms:GetPublicKey", Resource: arnOf(stack.signingKey.key) },
    ]);
  });

  it("is named to admins, with the seed's signing key", () => {
    template.hasOutput("SigningKeyArn", { Value: arnOf(stack.signingKey.key) });
    expect(resource(stack.seed.function).Properties).toMatchObject({
      Environment: { Variables: { RULES_SIGNING_KEY_ID: arnOf(stack.signingKey.key) } },
    });
  });
});

describe("the table's write trail", () => {
  it("is off outside prod, and on for prod", () => {
    expect(ofType("AWS::CloudTrail::Trail")).toEqual([]);
    const prod = synthesize({ props: { stage: "prod" } });
    expect(prod.template.findResources("AWS::CloudTrail::Trail")).not.toEqual({});
  });

  it("records every write to the rules table, and nothing else, encrypted and validated", () => {
    const on = synthesize({ props: { tableWriteTrail: true } });
    const trails = Object.values(on.template.findResources("AWS::CloudTrail::Trail"));
    expect(trails).toHaveLength(1);
    expect(trails[0]?.Properties).toMatchObject({
      EnableLogFileValidation: true,
      IsMultiRegionTrail: false,
      KMSKeyId: expect.anything(),
      AdvancedEventSelectors: [
        {
          FieldSelectors: [
            { Field: "eventCategory", Equals: ["Data"] },
            { Field: "resources.type", Equals: ["AWS::DynamoDB::Table"] },
            {
              Field: "resources.ARN",
              Equals: [
                {
                  "Fn::GetAtt": [
                    on.stack.getLogicalId(
                      on.stack.rulesTable.table.node.defaultChild as CfnElement,
                    ),
                    "Arn",
                  ],
                },
              ],
            },
            { Field: "readOnly", Equals: ["false"] },
          ],
        },
      ],
    });
    expect(trails[0]?.Properties.EventSelectors).toBeUndefined();
  });
});

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

describe("the seed", () => {
  const seedResource = () => {
    const [seed, ...others] = ofType("Custom::CodeRulesSeed");
    expect(others).toEqual([]);
    if (!seed) throw new Error("no seed custom resource");
    return seed;
  };

  it("is a custom resource served by the CDK provider framework", () => {
    const [frameworkId] = (seedResource().Properties.ServiceToken as { "Fn::GetAtt": string[] })[
      "Fn::GetAtt"
    ];
    expect(resources[frameworkId ?? ""]?.Properties.Handler).toBe("framework.onEvent");
  });

  it("carries the rules/ folder as the CLI reads it, as one JSON string", () => {
    const shipped = readRuleFiles(projectPaths.rules);
    expect(shipped.ok).toBe(true);
    expect(JSON.parse(seedResource().Properties.RuleSet as string)).toEqual(
      shipped.ok && shipped.value,
    );
  });

  it("runs lambda/seed/handler.ts on the rules table, with the admin policy's permissions", () => {
    expect(resource(stack.seed.function).Properties).toMatchObject({
      Handler: "index.handler",
      Runtime: "nodejs24.x",
      Environment: { Variables: { RULES_TABLE_NAME: refTo(stack.rulesTable.table) } },
    });
    const role = resource(stack.seed.function).Properties.Role as { "Fn::GetAtt": string[] };
    expect(byId(role["Fn::GetAtt"][0] ?? "").Properties.ManagedPolicyArns).toContainEqual(
      refTo(stack.rulesTable.adminPolicy),
    );
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

  it("watch the function's throttles and errors", () => {
    const dimensions = [{ Name: "FunctionName", Value: refTo(stack.selection.function) }];
    expect(alarmOn("Throttles")).toMatchObject({ Namespace: "AWS/Lambda", Dimensions: dimensions });
    expect(alarmOn("Errors")).toMatchObject({ Namespace: "AWS/Lambda", Dimensions: dimensions });
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

  it("notify a KMS-encrypted topic on alarm and on recovery", () => {
    expect(alarms()).toHaveLength(8);
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
  it("give the API URL, the table name, and the invoke and admin policy ARNs", () => {
    template.hasOutput("ApiUrl", {});
    template.hasOutput("RulesTableName", { Value: refTo(stack.rulesTable.table) });
    template.hasOutput("InvokePolicyArn", { Value: refTo(stack.api.invokePolicy) });
    template.hasOutput("AdminPolicyArn", { Value: refTo(stack.rulesTable.adminPolicy) });
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
