import { ArnFormat, Aws, Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import { type ManagedPolicy, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { DefinitionBody, LogLevel, StateMachine } from "aws-cdk-lib/aws-stepfunctions";
import { Construct } from "constructs";
import { BULK_SERVICE_NAME } from "../../bulk/bulk-names.js";
import { FUNCTION_ENV, METRICS_NAMESPACE } from "../../lambda/service-names.js";
import { projectPaths } from "../project-paths.js";
import { AccessLogBucket } from "./access-log-bucket.js";
import { bulkAuditDefinition, MAP_LABEL, MAX_CONCURRENCY } from "./bulk-audit-definition.js";
import { bulkAuditPolicies } from "./bulk-audit-policies.js";
import { ClaimsBucket } from "./claims-bucket.js";
import type { EncryptedLogs } from "./encrypted-logs.js";
import { NodeFunction } from "./node-function.js";
import type { RulesTable } from "./rules-table.js";

/** How long a claims file and a report are kept before S3 deletes them. */
export const DEFAULT_BULK_AUDIT_EXPIRY = Duration.days(90);

export interface BulkAuditProps {
  readonly rulesTable: RulesTable;
  /** The public key that verifies every version (base64 SPKI DER), as the selection function has it. */
  readonly publicKey: string;
  /** How long a revocation, or a failed read of the table, takes to be seen again. */
  readonly rulesCacheTtl: Duration;
  readonly logs: EncryptedLogs;
  /** How long each server access log of the claims buckets is kept. */
  readonly accessLogExpiry: Duration;
  /** @default DEFAULT_BULK_AUDIT_EXPIRY */
  readonly expiry?: Duration;
}

/**
 * A whole claims file checked at cloud scale: the file is put in the input bucket, the state
 * machine is started with its key and a rule version, and the report's rows land in the report
 * bucket. Starting one takes the start policy (StartBulkAuditPolicy); putting a file in and
 * reading a report, the files policy. The bulk-check function reads the rules table and nothing
 * else; the state machine invokes it, reads the input bucket and writes the report bucket.
 */
export class BulkAudit extends Construct {
  readonly stateMachine: StateMachine;
  readonly checkBatch: NodeFunction;
  readonly input: ClaimsBucket;
  readonly reports: ClaimsBucket;
  readonly accessLogs: AccessLogBucket;
  /** Encrypts the claims files and the reports. */
  readonly key: Key;
  /** `states:StartExecution` on this state machine, and reading its executions: nothing else. */
  readonly startPolicy: ManagedPolicy;
  /** Putting a claims file in the input bucket and reading the reports. */
  readonly filesPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: BulkAuditProps) {
    super(scope, id);
    const expiry = props.expiry ?? DEFAULT_BULK_AUDIT_EXPIRY;
    this.key = new Key(this, "Key", {
      description: "Encrypts the claims files and reports of code-rules bulk audits",
      enableKeyRotation: true,
      // The buckets are retained; so is the key that makes what is left in them readable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.accessLogs = new AccessLogBucket(this, "AccessLogs", { expiry: props.accessLogExpiry });
    const claimsBucket = (bucketId: string, prefix: string) =>
      new ClaimsBucket(this, bucketId, {
        key: this.key,
        accessLogs: this.accessLogs.bucket,
        accessLogsPrefix: prefix,
        expiry,
      });
    this.input = claimsBucket("Input", "input/");
    this.reports = claimsBucket("Reports", "reports/");
    this.checkBatch = this.bulkCheckFunction(props);

    // Named, so that the role's policy can name the machine (its child workflows are executions
    // of it) before it exists: its ARN attribute would make each wait for the other.
    const stack = Stack.of(this);
    const stateMachineName = `${stack.stackName}-bulk-audit`;
    // In the stack's own region and account, as pseudo parameters whatever the deploy names.
    const arnOf = (resource: string, resourceName: string) =>
      stack.formatArn({
        service: "states",
        region: Aws.REGION,
        account: Aws.ACCOUNT_ID,
        resource,
        resourceName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const machine = {
      name: stateMachineName,
      arn: arnOf("stateMachine", stateMachineName),
      executions: arnOf("execution", `${stateMachineName}:*`),
      mapRunExecutions: arnOf("execution", `${stateMachineName}/${MAP_LABEL}:*`),
      mapRuns: arnOf("mapRun", `${stateMachineName}/${MAP_LABEL}:*`),
    };
    const policies = bulkAuditPolicies(this, {
      machine,
      checkBatch: this.checkBatch.function,
      input: this.input.bucket,
      reports: this.reports.bucket,
      key: this.key,
    });
    this.startPolicy = policies.start;
    this.filesPolicy = policies.files;
    const role = new Role(this, "Role", {
      description: "The bulk-audit state machine: checks a claims file's batches, writes reports",
      assumedBy: new ServicePrincipal("states.amazonaws.com", {
        conditions: {
          ArnLike: { "aws:SourceArn": machine.arn },
          StringEquals: { "aws:SourceAccount": stack.account },
        },
      }),
      managedPolicies: [policies.stateMachine],
    });
    this.stateMachine = new StateMachine(this, "StateMachine", {
      stateMachineName,
      definitionBody: DefinitionBody.fromChainable(
        bulkAuditDefinition(this, {
          checkBatch: this.checkBatch.function,
          input: this.input.bucket,
          reports: this.reports.bucket,
        }),
      ),
      // Every permission is in the managed policy above: the CDK's own grants would be inline.
      role: role.withoutPolicyUpdates(),
      // Every event, but never the data: a state's input or output holds claim lines.
      logs: {
        destination: props.logs.createLogGroup(this, "Logs"),
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
      tracingEnabled: true,
    });
    // The CDK's grants for a Distributed Map, made into an inline policy the role would never
    // carry: the state machine policy states them (StartExecution on itself, and the rest).
    this.stateMachine.node.tryRemoveChild("DistributedMapPolicy");
  }

  private bulkCheckFunction(props: BulkAuditProps): NodeFunction {
    const fn = new NodeFunction(this, "Function", {
      entry: projectPaths.bulkHandler,
      description: "code-rules bulk audit: checks one batch of claim lines against a rule version",
      // One full vCPU (Lambda gives one at 1,769 MB): a batch is CPU-bound, so it costs the same
      // GB-seconds at any size, and takes least time at this one.
      memorySize: 1769,
      // A batch takes milliseconds; a container's first also reads and verifies its version.
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: MAX_CONCURRENCY,
      environment: {
        [FUNCTION_ENV.tableName]: props.rulesTable.table.tableName,
        [FUNCTION_ENV.cacheTtlSeconds]: String(props.rulesCacheTtl.toSeconds()),
        [FUNCTION_ENV.signingPublicKey]: props.publicKey,
        POWERTOOLS_SERVICE_NAME: BULK_SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
      logs: props.logs,
      managedPolicies: [props.rulesTable.readerPolicy],
    });
    Validations.of(fn.function).acknowledge(
      {
        id: "HIPAA.Security-LambdaDLQ",
        reason:
          "Invoked synchronously by the state machine: a failed batch fails its child workflow, which the state machine retries and then reports; there is no event to keep.",
      },
      {
        id: "HIPAA.Security-LambdaInsideVPC",
        reason:
          "Reaches only DynamoDB (GetItem and Query on reference data that is not PHI, each version's signature verified) and CloudWatch Logs, through their public endpoints with IAM and TLS; the claim lines come to it in the invocation and leave in its result.",
      },
    );
    return fn;
  }
}
