import { type CfnElement, Stack, Validations } from "aws-cdk-lib";
import { ManagedPolicy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IKey } from "aws-cdk-lib/aws-kms";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { Construct, IConstruct } from "constructs";
import { MAP_LABEL, REPORT_PREFIX } from "./bulk-audit-definition.js";

/** The bulk-audit state machine's ARNs, built from its name before it exists. */
export interface MachineArns {
  readonly name: string;
  readonly arn: string;
  /** Its executions: the audits, and the Express child workflows of their map runs. */
  readonly executions: string;
  /** The executions of its Distributed Map's runs, which a redrive starts again. */
  readonly mapRunExecutions: string;
  readonly mapRuns: string;
}

export interface BulkAuditPoliciesProps {
  readonly machine: MachineArns;
  readonly checkBatch: IFunction;
  readonly input: IBucket;
  readonly reports: IBucket;
  readonly key: IKey;
}

export interface BulkAuditPolicies {
  /** The state machine's own: invoke the function, read the input, write the reports, log. */
  readonly stateMachine: ManagedPolicy;
  readonly start: ManagedPolicy;
  readonly files: ManagedPolicy;
}

/** The key, used only by S3 on a request to these buckets, never directly. */
const keyThroughS3 = (key: IKey, actions: string[]): PolicyStatement =>
  new PolicyStatement({
    actions,
    resources: [key.keyArn],
    conditions: { StringEquals: { "kms:ViaService": `s3.${Stack.of(key).region}.amazonaws.com` } },
  });

/** How cdk-nag names a resource of the state machine's in a finding: pseudo parameters in brackets. */
const machineResource = (machine: MachineArns, resource: string, suffix: string): string =>
  `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:${resource}:${machine.name}${suffix}`;

/** How cdk-nag names the objects of a bucket (or one prefix of them) in a finding. */
const objectsOf = (bucket: IConstruct, prefix = ""): string =>
  `<${Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/${prefix}*`;

/** Acknowledges each wildcard resource of `policy` (AwsSolutions-IAM5), with why it is one. */
const acknowledgeWildcards = (
  policy: ManagedPolicy,
  wildcards: Readonly<Record<string, string>>,
): void => {
  Validations.of(policy).acknowledge(
    ...Object.entries(wildcards).map(([resource, reason]) => ({
      id: `AwsSolutions-IAM5[Resource::${resource}]`,
      reason,
    })),
  );
};

const EXECUTIONS =
  "A Distributed Map starts its child workflows as executions of its own state machine, each named as it starts: only this machine's executions.";
const CLAIMS_FILES =
  "Claims files are named by whoever starts an audit; the bucket holds nothing else, and expires what it holds.";
const REPORT_FILES =
  "Step Functions names each map run's result files under reports/<map run id>/ as it writes them; the bucket holds nothing else, and expires what it holds.";

const stateMachinePolicy = (scope: Construct, props: BulkAuditPoliciesProps): ManagedPolicy => {
  const { machine, checkBatch, input, reports, key } = props;
  const policy = new ManagedPolicy(scope, "StateMachinePolicy", {
    description: "The bulk-audit state machine: its batches, its files, its logs and traces",
    statements: [
      new PolicyStatement({
        actions: ["lambda:InvokeFunction"],
        // The task names the function's unqualified ARN: no version or alias is invoked.
        resources: [checkBatch.functionArn],
      }),
      // The ItemReader reads the claims file; the ResultWriter writes each run's results in parts.
      new PolicyStatement({ actions: ["s3:GetObject"], resources: [input.arnForObjects("*")] }),
      new PolicyStatement({
        actions: [
          "s3:PutObject",
          "s3:GetObject",
          "s3:ListMultipartUploadParts",
          "s3:AbortMultipartUpload",
        ],
        resources: [reports.arnForObjects(`${REPORT_PREFIX}/*`)],
      }),
      keyThroughS3(key, ["kms:Decrypt", "kms:GenerateDataKey"]),
      // A Distributed Map starts its child workflows as executions of its own state machine.
      new PolicyStatement({ actions: ["states:StartExecution"], resources: [machine.arn] }),
      new PolicyStatement({
        actions: ["states:DescribeExecution", "states:StopExecution"],
        resources: [machine.executions],
      }),
      new PolicyStatement({
        actions: ["states:RedriveExecution"],
        resources: [machine.mapRunExecutions],
      }),
      // What Step Functions needs to deliver its logs and traces; neither API takes a resource.
      new PolicyStatement({
        actions: [
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups",
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
        ],
        resources: ["*"],
      }),
    ],
  });
  acknowledgeWildcards(policy, {
    [objectsOf(input)]: CLAIMS_FILES,
    [objectsOf(reports, `${REPORT_PREFIX}/`)]: REPORT_FILES,
    [machineResource(machine, "execution", ":*")]: EXECUTIONS,
    [machineResource(machine, "execution", `/${MAP_LABEL}:*`)]:
      "A redrive of a failed map run starts its child workflows again, named by the run: only this machine's.",
    "*": "CloudWatch Logs' log-delivery actions and X-Ray's trace actions take no resource; Step Functions delivers this machine's logs and traces through them.",
  });
  return policy;
};

/**
 * The policies of the bulk audit: the state machine's, the one that starts an audit and follows it
 * (and can do nothing else), and the one that puts a claims file in and reads a report back.
 */
export const bulkAuditPolicies = (
  scope: Construct,
  props: BulkAuditPoliciesProps,
): BulkAuditPolicies => {
  const { machine, input, reports, key } = props;
  const start = new ManagedPolicy(scope, "StartBulkAuditPolicy", {
    description: "Starts a code-rules bulk audit and follows it: nothing else",
    statements: [
      new PolicyStatement({ actions: ["states:StartExecution"], resources: [machine.arn] }),
      new PolicyStatement({ actions: ["states:ListExecutions"], resources: [machine.arn] }),
      new PolicyStatement({
        actions: ["states:DescribeExecution"],
        resources: [machine.executions],
      }),
      new PolicyStatement({ actions: ["states:DescribeMapRun"], resources: [machine.mapRuns] }),
    ],
  });
  const files = new ManagedPolicy(scope, "FilesPolicy", {
    description: "Puts a claims file in the bulk-audit input bucket and reads the reports",
    statements: [
      new PolicyStatement({ actions: ["s3:PutObject"], resources: [input.arnForObjects("*")] }),
      new PolicyStatement({ actions: ["s3:ListBucket"], resources: [reports.bucketArn] }),
      new PolicyStatement({ actions: ["s3:GetObject"], resources: [reports.arnForObjects("*")] }),
      // Decrypt too: a multipart upload (aws s3 cp of a large file) reads its parts back.
      keyThroughS3(key, ["kms:GenerateDataKey", "kms:Decrypt"]),
    ],
  });
  acknowledgeWildcards(start, {
    [machineResource(machine, "execution", ":*")]:
      "Each audit is an execution named as it starts: following one is reading any of this machine's.",
    [machineResource(machine, "mapRun", `/${MAP_LABEL}:*`)]:
      "Each audit's map run is named by Step Functions as it starts: only this machine's.",
  });
  acknowledgeWildcards(files, {
    [objectsOf(input)]: CLAIMS_FILES,
    [objectsOf(reports)]: REPORT_FILES,
  });
  return { stateMachine: stateMachinePolicy(scope, props), start, files };
};
