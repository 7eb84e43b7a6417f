import { Duration } from "aws-cdk-lib";
import { type BucketProps, ObjectLockRetention } from "aws-cdk-lib/aws-s3";
import { privateBucketProps } from "./private-bucket.js";

/** Six years: HIPAA's retention for required documentation (164.316(b)(2)(i)). */
export const DEFAULT_RECORD_LOCK = Duration.days(2190);

/**
 * A bucket for records kept outside the table (the write trail's log files, audit heads): each
 * object locked for `lock` in compliance mode, not governance: no one, the account root included,
 * can delete or overwrite one or shorten its lock until it expires. Governance mode lets any
 * principal allowed s3:BypassGovernanceRetention do both, which is the account's IAM again; these
 * records exist for the case where someone with wide rights rewrote the table. They outlive the
 * stack, like the table.
 */
export const lockedBucketProps = (lock: Duration) =>
  ({
    ...privateBucketProps,
    objectLockEnabled: true,
    objectLockDefaultRetention: ObjectLockRetention.compliance(lock),
  }) satisfies BucketProps;
