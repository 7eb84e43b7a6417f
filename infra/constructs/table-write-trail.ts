import { type Duration, Stack, Validations } from "aws-cdk-lib";
import { type CfnTrail, Trail } from "aws-cdk-lib/aws-cloudtrail";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import type { EncryptedLogs } from "./encrypted-logs.js";
import { DEFAULT_RECORD_LOCK, lockedBucketProps } from "./locked-bucket.js";

export interface TableWriteTrailProps {
  readonly table: ITable;
  readonly logs: EncryptedLogs;
  /**
   * How long each log file is locked against deletion and overwrite (Object Lock, compliance mode).
   * @default DEFAULT_RECORD_LOCK
   */
  readonly lock?: Duration;
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
    // Named, so that the bucket and key policies can name the one trail they admit before the
    // trail exists (its ARN attribute would make each wait for the other).
    const trailName = `${Stack.of(this).stackName}-table-writes`;
    const trailArn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${trailName}`;
    // What every CloudTrail statement below requires: this trail, of this account, asks.
    const fromThisTrail = { "aws:SourceArn": trailArn, "aws:SourceAccount": account };
    const cloudTrail = new ServicePrincipal("cloudtrail.amazonaws.com");
    // CloudTrail encrypts its log files with the logs key, for this trail only.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudTrail],
        actions: ["kms:GenerateDataKey*", "kms:DescribeKey"],
        resources: ["*"],
        conditions: {
          StringEquals: fromThisTrail,
          StringLike: {
            "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${partition}:cloudtrail:*:${account}:trail/*`,
          },
        },
      }),
    );
    const bucket = new Bucket(this, "Bucket", {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      ...lockedBucketProps(props.lock ?? DEFAULT_RECORD_LOCK),
    });
    // CloudTrail's two statements, each for this trail of this account only (the CDK's Trail adds
    // them with no condition, so it is handed a reference to the bucket that takes no statements).
    bucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudTrail],
        actions: ["s3:GetBucketAcl"],
        resources: [bucket.bucketArn],
        conditions: { StringEquals: fromThisTrail },
      }),
    );
    bucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudTrail],
        actions: ["s3:PutObject"],
        resources: [bucket.arnForObjects(`AWSLogs/${account}/*`)],
        conditions: {
          StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...fromThisTrail },
        },
      }),
    );
    const noAccessLogs =
      "The bucket holds only this trail's log files, written by CloudTrail, which validates them with its digest files; access logs of a log bucket would be one more bucket to log.";
    Validations.of(bucket).acknowledge(
      { id: "AwsSolutions-S1", reason: noAccessLogs },
      { id: "HIPAA.Security-S3BucketLoggingEnabled", reason: noAccessLogs },
      {
        id: "HIPAA.Security-S3BucketReplicationEnabled",
        reason:
          "Versioned, Object Lock in compliance mode, retained, and validated by CloudTrail's digest files; cross-region copies are the organisation's backup policy, not this stack's.",
      },
    );
    this.trail = new Trail(this, "Trail", {
      trailName,
      bucket: Bucket.fromBucketAttributes(this, "BucketForTrail", {
        bucketArn: bucket.bucketArn,
        bucketName: bucket.bucketName,
      }),
      encryptionKey: key,
      enableFileValidation: true,
      cloudWatchLogGroup: props.logs.createLogGroup(this, "Logs"),
      sendToCloudWatchLogs: true,
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: false,
    });
    // CloudTrail checks the bucket policy when the trail is created.
    if (bucket.policy) this.trail.node.addDependency(bucket.policy);
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
