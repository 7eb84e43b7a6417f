import { App, type CfnElement, Duration, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { AUDIT_INPUT, BATCH_INPUT, BATCH_ITEM, BATCH_LIMITS } from "../../bulk/bulk-names.js";
import { BulkAudit } from "../../infra/constructs/bulk-audit.js";
import { EncryptedLogs } from "../../infra/constructs/encrypted-logs.js";
import { RulesTable } from "../../infra/constructs/rules-table.js";
import {
  actions,
  arnOf,
  byId,
  covers,
  functionStatements,
  type Json,
  logicalId,
  ofType,
  policiesOfRole,
  type Resource,
  refTo,
  resource,
  roleIdOf,
  stack,
  statementsOf,
  synthesizedOnce,
  template,
} from "./support/stack-template.js";
import { cdkContext } from "./support/synth.js";

synthesizedOnce();

/** A CloudFormation value inside the definition string, as a readable placeholder. */
const placeholder = (part: Json): string => {
  if (typeof part.Ref === "string") return `Ref(${part.Ref})`;
  const [id, attribute] = (part["Fn::GetAtt"] as [string, string] | undefined) ?? [];
  if (id) return `GetAtt(${id}.${attribute})`;
  throw new Error(`an unexpected value in the definition: ${JSON.stringify(part)}`);
};

/** The state machine's definition, parsed, CloudFormation's values in it as placeholders. */
const definition = (): Json => {
  const { DefinitionString } = resource(stack.bulkAudit.stateMachine).Properties as {
    DefinitionString: { "Fn::Join": [string, (string | Json)[]] };
  };
  const [, parts] = DefinitionString["Fn::Join"];
  return JSON.parse(
    parts.map((part) => (typeof part === "string" ? part : placeholder(part))).join(""),
  );
};

const mapState = (): Json => {
  const parsed = definition() as { StartAt: string; States: Record<string, Json> };
  return parsed.States[parsed.StartAt] as Json;
};

const bucketIds = () => ({
  input: logicalId(stack.bulkAudit.input.bucket),
  reports: logicalId(stack.bulkAudit.reports.bucket),
});

describe("the bulk-audit state machine", () => {
  it("is one Distributed Map that reads the claims file named in the input, header first, from the input bucket", () => {
    expect(mapState()).toMatchObject({
      Type: "Map",
      End: true,
      ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" } },
      ItemReader: {
        Resource: "arn:Ref(AWS::Partition):states:::s3:getObject",
        ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW" },
        Parameters: { Bucket: `Ref(${bucketIds().input})`, "Key.$": `$.${AUDIT_INPUT.key}` },
      },
    });
  });

  it("hands the function batches as test/bulk/support.ts builds them: each row with its index, the rule version beside", () => {
    expect(mapState()).toMatchObject({
      ItemSelector: {
        [`${BATCH_ITEM.index}.$`]: "$$.Map.Item.Index",
        [`${BATCH_ITEM.row}.$`]: "$$.Map.Item.Value",
      },
      ItemBatcher: {
        MaxItemsPerBatch: BATCH_LIMITS.maxItems,
        MaxInputBytesPerBatch: BATCH_LIMITS.maxInputBytes,
        BatchInput: { [`${BATCH_INPUT.ruleVersion}.$`]: `$.${AUDIT_INPUT.ruleVersion}` },
      },
    });
    expect(BATCH_LIMITS).toEqual({ maxItems: 500, maxInputBytes: 65_536, maxOutputBytes: 262_144 });
  });

  it("writes each batch's output, and nothing of its input, to the report bucket as JSON lines", () => {
    expect(mapState().ResultWriter).toEqual({
      Resource: "arn:Ref(AWS::Partition):states:::s3:putObject",
      Parameters: { Bucket: `Ref(${bucketIds().reports})`, Prefix: "reports" },
      WriterConfig: { OutputType: "JSONL", Transformation: "COMPACT" },
    });
  });

  it("checks ten batches at a time, tolerates no failed batch, and says so", () => {
    expect(mapState()).toMatchObject({ MaxConcurrency: 10, ToleratedFailurePercentage: 0 });
    expect(
      resource(stack.bulkAudit.checkBatch.function).Properties.ReservedConcurrentExecutions,
    ).toBe(10);
  });

  it("invokes the bulk-check function for each batch, retrying Lambda's failures and an unreachable table with backoff", () => {
    const processor = mapState().ItemProcessor as { StartAt: string; States: Record<string, Json> };
    expect(Object.keys(processor.States)).toEqual([processor.StartAt]);
    expect(processor.States[processor.StartAt]).toEqual({
      Type: "Task",
      End: true,
      Resource: `GetAtt(${logicalId(stack.bulkAudit.checkBatch.function)}.Arn)`,
      Retry: [
        {
          ErrorEquals: [
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.TooManyRequestsException",
            "RulesUnavailable",
          ],
          IntervalSeconds: 2,
          BackoffRate: 2,
          MaxAttempts: 5,
          MaxDelaySeconds: 30,
          JitterStrategy: "FULL",
        },
      ],
    });
  });

  it("logs every event to an encrypted log group, but never a state's data, and traces", () => {
    const { Properties } = resource(stack.bulkAudit.stateMachine);
    expect(Properties).toMatchObject({
      LoggingConfiguration: { Level: "ALL", IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
    const [destination] = (Properties.LoggingConfiguration as { Destinations: Json[] })
      .Destinations as { CloudWatchLogsLogGroup: { LogGroupArn: { "Fn::GetAtt": string[] } } }[];
    const [groupId = ""] = destination?.CloudWatchLogsLogGroup.LogGroupArn["Fn::GetAtt"] ?? [];
    // The key of every log group of the stack's.
    expect(byId(groupId).Properties.KmsKeyId).toEqual(
      resource(stack.selection.logGroup).Properties.KmsKeyId,
    );
  });
});

const claimsBuckets = () => [stack.bulkAudit.input.bucket, stack.bulkAudit.reports.bucket];

describe("the bulk audit's buckets", () => {
  it.each(["input", "reports"] as const)(
    "keep the %s private, versioned, encrypted with the bulk audit's own key, logged, and for 90 days",
    (which) => {
      expect(resource(stack.bulkAudit[which].bucket)).toMatchObject({
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              {
                BucketKeyEnabled: true,
                ServerSideEncryptionByDefault: {
                  SSEAlgorithm: "aws:kms",
                  KMSMasterKeyID: arnOf(stack.bulkAudit.key),
                },
              },
            ],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          VersioningConfiguration: { Status: "Enabled" },
          LoggingConfiguration: { DestinationBucketName: refTo(stack.bulkAudit.accessLogs.bucket) },
          LifecycleConfiguration: {
            Rules: [
              {
                Status: "Enabled",
                ExpirationInDays: 90,
                NoncurrentVersionExpiration: { NoncurrentDays: 1 },
                AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
              },
            ],
          },
        },
        DeletionPolicy: "Retain",
      });
    },
  );

  it("refuse every request without TLS", () => {
    for (const bucket of [...claimsBuckets(), stack.bulkAudit.accessLogs.bucket]) {
      const [policy] = ofType("AWS::S3::BucketPolicy").filter(
        (candidate) =>
          JSON.stringify(candidate.Properties.Bucket) === JSON.stringify(refTo(bucket)),
      );
      expect(statementsOf(policy as Resource)).toContainEqual(
        expect.objectContaining({
          Effect: "Deny",
          Action: "s3:*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
      );
    }
  });

  it("log who read or wrote a claims file for as long as the stack keeps its other logs", () => {
    expect(resource(stack.bulkAudit.accessLogs.bucket).Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } },
        ],
      },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: RetentionDays.ONE_YEAR }] },
    });
  });

  it("expire after the days the stack is given", () => {
    const app = new App({ context: { ...cdkContext(), "aws:cdk:bundling-stacks": [] } });
    const small = new Stack(app, "small");
    const audit = new BulkAudit(small, "BulkAudit", {
      rulesTable: new RulesTable(small, "Rules"),
      publicKey: "key",
      rulesCacheTtl: Duration.seconds(5),
      logs: new EncryptedLogs(small, "Logs", { retention: RetentionDays.ONE_MONTH }),
      accessLogExpiry: Duration.days(30),
      expiry: Duration.days(14),
    });
    const buckets = Template.fromStack(small).toJSON().Resources as Record<string, Resource>;
    const rules = (bucket: IConstruct) =>
      buckets[small.getLogicalId(bucket.node.defaultChild as CfnElement)]?.Properties
        .LifecycleConfiguration;
    expect(rules(audit.input.bucket)).toMatchObject({ Rules: [{ ExpirationInDays: 14 }] });
    expect(rules(audit.reports.bucket)).toMatchObject({ Rules: [{ ExpirationInDays: 14 }] });
    expect(rules(audit.accessLogs.bucket)).toMatchObject({ Rules: [{ ExpirationInDays: 30 }] });
  });
});

/** The ARN the state machine is named by, as its policies spell it. */
const machineArn = () => ({
  "Fn::Join": [
    "",
    [
      "arn:",
      { Ref: "AWS::Partition" },
      ":states:",
      { Ref: "AWS::Region" },
      ":",
      { Ref: "AWS::AccountId" },
      `:stateMachine:${resource(stack.bulkAudit.stateMachine).Properties.StateMachineName}`,
    ],
  ],
});

describe("who may do what in a bulk audit", () => {
  it("lets the start policy start this state machine, and only it, and only read its executions otherwise", () => {
    const statements = statementsOf(resource(stack.bulkAudit.startPolicy));
    const allowed = statements.flatMap(actions);
    expect(allowed.filter((action) => !/^states:(Describe|List)/.test(action))).toEqual([
      "states:StartExecution",
    ]);
    const starting = statements.filter((statement) =>
      actions(statement).includes("states:StartExecution"),
    );
    expect(starting.map((statement) => statement.Resource)).toEqual([machineArn()]);
    expect(resource(stack.bulkAudit.stateMachine).Properties.StateMachineName).toBe(
      "code-rules-test-bulk-audit",
    );
    const arns = JSON.stringify(statements.map((statement) => statement.Resource));
    expect(arns.match(/:(stateMachine|execution|mapRun):[^"]*/g)).toEqual([
      ":stateMachine:code-rules-test-bulk-audit",
      ":execution:code-rules-test-bulk-audit:*",
      ":mapRun:code-rules-test-bulk-audit/CheckClaims:*",
    ]);
  });

  it("gives the bulk-check function's role reads of the rules table and its own logs: no write, no kms:Sign, no S3", () => {
    const statements = functionStatements(stack.bulkAudit.checkBatch.function);
    expect(statements.flatMap(actions).sort()).toEqual([
      "dynamodb:GetItem",
      "dynamodb:Query",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    for (const statement of statements)
      expect(actions(statement).some((action) => covers(action, "kms:Sign"))).toBe(false);
    expect(policiesOfRole(roleIdOf(stack.bulkAudit.checkBatch.function))).toContain(
      logicalId(stack.rulesTable.readerPolicy),
    );
  });

  it("gives the state machine's role the function, the input's objects to read, the reports to write, in a managed policy alone", () => {
    const roleArn = resource(stack.bulkAudit.stateMachine).Properties.RoleArn as {
      "Fn::GetAtt": [string, string];
    };
    const [roleId] = roleArn["Fn::GetAtt"];
    const attached = ofType("AWS::IAM::Policy").filter((policy) =>
      JSON.stringify(policy.Properties.Roles ?? []).includes(roleId),
    );
    expect(attached).toEqual([]);
    const statements = policiesOfRole(roleId).flatMap((id) => statementsOf(byId(id)));
    const on = (action: string) =>
      statements
        .filter((statement) => actions(statement).includes(action))
        .map((statement) => JSON.stringify(statement.Resource));
    const { input, reports } = bucketIds();
    expect(on("lambda:InvokeFunction")).toEqual([
      JSON.stringify(arnOf(stack.bulkAudit.checkBatch.function)),
    ]);
    expect(on("s3:PutObject")).toEqual([
      expect.stringContaining(`"${reports}","Arn"]},"/reports/*"`),
    ]);
    expect(on("s3:GetObject").join()).toContain(`"${input}","Arn"]},"/*"`);
    expect(
      statements.flatMap(actions).filter((action) => /s3:Delete|kms:Sign/.test(action)),
    ).toEqual([]);
  });

  it("names what an operator needs in the stack's outputs", () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.BulkAuditStateMachineArn?.Value).toEqual(refTo(stack.bulkAudit.stateMachine));
    expect(outputs.BulkAuditInputBucket?.Value).toEqual(refTo(stack.bulkAudit.input.bucket));
    expect(outputs.BulkAuditReportBucket?.Value).toEqual(refTo(stack.bulkAudit.reports.bucket));
    expect(outputs.StartBulkAuditPolicyArn?.Value).toEqual(refTo(stack.bulkAudit.startPolicy));
    expect(outputs.BulkAuditFilesPolicyArn?.Value).toEqual(refTo(stack.bulkAudit.filesPolicy));
  });
});
