import { type CfnElement, type Duration, Stack, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { AnyPrincipal, Effect, type ManagedPolicy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
import { Construct, type IConstruct } from "constructs";
import { lockedBucketProps } from "./locked-bucket.js";

export interface AuditHeadBucketProps {
  /** How long each head is locked against deletion and overwrite (Object Lock, compliance mode). */
  readonly lock: Duration;
}

/**
 * Where a copy of every audit head is kept outside the table (admin/anchors/s3-anchor.ts): one
 * object per head, locked in compliance mode, so no one, the account root included, deletes or
 * overwrites one until its lock expires. The bucket's policy closes what Object Lock leaves open:
 * a write that would put a new version over a head (every write must carry If-None-Match), and a
 * delete marker that would hide the newest heads from a listing. `audit --verify` checks the
 * table's trail against the newest head kept here.
 */
export class AuditHeadBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AuditHeadBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, "Bucket", {
      // Heads are hashes and signatures of audit entries: nothing in them is secret.
      encryption: BucketEncryption.S3_MANAGED,
      ...lockedBucketProps(props.lock),
    });
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: "OnlyNewHeads",
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ["s3:PutObject"],
        resources: [this.bucket.arnForObjects("*")],
        conditions: { Null: { "s3:if-none-match": "true" } },
      }),
    );
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: "NoHeadDeleted",
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: [
          "s3:DeleteObject",
          "s3:DeleteObjectVersion",
          "s3:PutObjectRetention",
          "s3:PutObjectLegalHold",
          "s3:BypassGovernanceRetention",
        ],
        resources: [this.bucket.arnForObjects("*")],
      }),
    );
    const noAccessLogs =
      "Holds only audit heads, written once under Object Lock by the admin role and checked against the signed trail by audit --verify; the table's writes are logged by CloudTrail.";
    Validations.of(this.bucket).acknowledge(
      { id: "AwsSolutions-S1", reason: noAccessLogs },
      { id: "HIPAA.Security-S3BucketLoggingEnabled", reason: noAccessLogs },
      {
        id: "HIPAA.Security-S3BucketReplicationEnabled",
        reason:
          "Versioned, Object Lock in compliance mode and retained; cross-region copies are the organisation's backup policy, not this stack's.",
      },
      {
        id: "HIPAA.Security-S3DefaultEncryptionKMS",
        reason:
          "Heads are hashes and signatures of audit entries, with no health information; SSE-S3 keeps every admin's write free of a key grant.",
      },
    );
  }

  /**
   * Lets `policy` keep the heads of `table` and read them back: add new objects under its heads'
   * prefix (admin/anchors/s3-anchor.ts), list, read; never delete.
   */
  grantKeeping(policy: ManagedPolicy, table: ITable): void {
    policy.addStatements(
      new PolicyStatement({
        actions: ["s3:PutObject", "s3:GetObject"],
        resources: [this.bucket.arnForObjects(`${table.tableName}/heads/*`)],
      }),
      new PolicyStatement({ actions: ["s3:ListBucket"], resources: [this.bucket.bucketArn] }),
    );
    const logicalId = (of: IConstruct) =>
      Stack.of(this).getLogicalId(of.node.defaultChild as CfnElement);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId(this.bucket)}.Arn>/<${logicalId(table)}>/heads/*]`,
      reason:
        "Heads are one object each, named by the table and their sequence as they are written: the bucket is theirs alone, its policy refuses any write over an existing key and any delete, and Object Lock keeps every version.",
    });
  }
}
