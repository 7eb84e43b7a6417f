import { type Duration, Validations } from "aws-cdk-lib";
import { Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { expiringAfter, privateBucketProps } from "./private-bucket.js";

export interface AccessLogBucketProps {
  /** How long each access log is kept: as long as the stack's other logs. */
  readonly expiry: Duration;
}

/**
 * Where S3 writes the server access logs of the buckets that hold claims (HIPAA 164.312(b): who
 * read or wrote a claims file or a report, and when). S3 delivers them itself, under a bucket
 * policy naming this account's buckets (the CDK adds it when another bucket names this one).
 */
export class AccessLogBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, "Bucket", {
      // Records of who read claims outlive the stack, like its log groups.
      ...privateBucketProps,
      // S3 delivers access logs only to a bucket encrypted with S3-managed keys.
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: expiringAfter(props.expiry),
    });
    const isTheLogBucket =
      "The bucket that receives the claims buckets' server access logs: logging it would log each delivery of a log.";
    Validations.of(this.bucket).acknowledge(
      { id: "AwsSolutions-S1", reason: isTheLogBucket },
      { id: "HIPAA.Security-S3BucketLoggingEnabled", reason: isTheLogBucket },
      {
        id: "HIPAA.Security-S3DefaultEncryptionKMS",
        reason:
          "S3 delivers server access logs only to a bucket with SSE-S3 (SSE-KMS targets are not supported); the logs hold object keys, requesters and times, never an object's content.",
      },
      {
        id: "HIPAA.Security-S3BucketReplicationEnabled",
        reason:
          "Versioned and retained with the stack gone; cross-region copies of logs are the organisation's backup policy, not this stack's.",
      },
    );
  }
}
