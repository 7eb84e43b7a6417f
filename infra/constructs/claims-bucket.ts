import { type Duration, Validations } from "aws-cdk-lib";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { Bucket, BucketEncryption, type IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { expiringAfter, privateBucketProps } from "./private-bucket.js";

export interface ClaimsBucketProps {
  /** The customer-managed key its objects are encrypted with: they hold dates of birth. */
  readonly key: IKey;
  readonly accessLogs: IBucket;
  /** Where in the access-log bucket this bucket's logs go. */
  readonly accessLogsPrefix: string;
  /** How long an object is kept before S3 deletes it. */
  readonly expiry: Duration;
}

/**
 * A bucket that holds claims, or reports of them (which carry every input cell): private, SSL
 * only, encrypted with a customer-managed key (a bucket key, so S3 asks KMS once per object
 * rather than per request), every access logged, and every object gone `expiry` after it was
 * written. They are working copies of an audit, not its record: the claims system keeps the
 * claims, and an audit can be run again against the same pinned rule version. Versioning, which
 * the HIPAA pack asks for, keeps an overwritten or deleted object for a day, no longer.
 */
export class ClaimsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ClaimsBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, "Bucket", {
      // What is in it at a stack's deletion expires on its own schedule; nothing is deleted blind.
      ...privateBucketProps,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: props.accessLogsPrefix,
      lifecycleRules: expiringAfter(props.expiry),
    });
    Validations.of(this.bucket).acknowledge({
      id: "HIPAA.Security-S3BucketReplicationEnabled",
      reason:
        "Holds working copies of an audit's claims or its report for a fixed number of days; the claims system keeps the claims, and a report is made again from them against the same pinned rule version. A copy in a second region would be one more place holding PHI.",
    });
  }
}
