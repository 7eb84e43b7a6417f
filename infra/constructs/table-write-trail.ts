import { RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import { type CfnTrail, Trail } from "aws-cdk-lib/aws-cloudtrail";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import type { EncryptedLogs } from "./encrypted-logs.js";

export interface TableWriteTrailProps {
  readonly table: ITable;
  readonly logs: EncryptedLogs;
}

/**
 * CloudTrail data events for every write to the rules table: who (the real principal, whatever
 * the audit entry says), when, which API and which item key. Writes only: the function's reads
 * are many, tell nothing about changes, and would cost per event. Management events are left to
 * the account's own trail.
 */
export class TableWriteTrail extends Construct {
  readonly trail: Trail;

  constructor(scope: Construct, id: string, props: TableWriteTrailProps) {
    super(scope, id);
    const key = props.logs.key;
    const { account, partition, region } = Stack.of(this);
    const trailArn = `arn:${partition}:cloudtrail:${region}:${account}:trail/*`;
    // CloudTrail encrypts its log files with the logs key, for trails of this account only.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("cloudtrail.amazonaws.com")],
        actions: ["kms:GenerateDataKey*", "kms:DescribeKey"],
        resources: ["*"],
        conditions: {
          StringEquals: { "aws:SourceAccount": account },
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailArn },
        },
      }),
    );
    const bucket = new Bucket(this, "Bucket", {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The record of who changed the rules outlives the stack, like the table.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const noAccessLogs =
      "The bucket holds only this trail's log files, written by CloudTrail, which validates them with its digest files; access logs of a log bucket would be one more bucket to log.";
    Validations.of(bucket).acknowledge(
      { id: "AwsSolutions-S1", reason: noAccessLogs },
      { id: "HIPAA.Security-S3BucketLoggingEnabled", reason: noAccessLogs },
      {
        id: "HIPAA.Security-S3BucketReplicationEnabled",
        reason:
          "Versioned, retained and validated by CloudTrail's digest files; cross-region copies are the organisation's backup policy, not this stack's.",
      },
    );
    this.trail = new Trail(this, "Trail", {
      bucket,
      encryptionKey: key,
      enableFileValidation: true,
      cloudWatchLogGroup: props.logs.createLogGroup(this, "Logs"),
      sendToCloudWatchLogs: true,
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
    });
    Validations.of(this.trail.node.findChild("LogsRole")).acknowledge({
      id: "HIPAA.Security-IAMNoInlinePolicy",
      reason:
        "The role CloudTrail assumes to deliver to the trail's log group, made by the CDK's Trail with its one inline statement: logs:CreateLogStream and logs:PutLogEvents on that log group. Only cloudtrail.amazonaws.com assumes it.",
    });
    // Advanced selectors alone decide what the trail logs: with no Management selector among
    // them, no management event is logged twice.
    const cfnTrail = this.trail.node.defaultChild as CfnTrail;
    cfnTrail.addPropertyDeletionOverride("EventSelectors");
    cfnTrail.advancedEventSelectors = [
      {
        name: "Writes to the code-rules table",
        fieldSelectors: [
          { field: "eventCategory", equalTo: ["Data"] },
          { field: "resources.type", equalTo: ["AWS::DynamoDB::Table"] },
          { field: "resources.ARN", equalTo: [props.table.tableArn] },
          { field: "readOnly", equalTo: ["false"] },
        ],
      },
    ];
  }
}
