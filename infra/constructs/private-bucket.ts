import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  BlockPublicAccess,
  type BucketProps,
  type LifecycleRule,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";

/**
 * What every bucket of the stack is: reachable only over TLS, versioned, closed to the public and
 * to ACLs, and kept when the stack is deleted (what is in it is a record, or expires on its own).
 */
export const privateBucketProps = {
  enforceSSL: true,
  versioned: true,
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies BucketProps;

const ONE_DAY = Duration.days(1);

/**
 * Every object gone `expiry` after it was written; an overwritten or deleted one kept a day, no
 * longer, and an upload left unfinished cleared after a day.
 */
export const expiringAfter = (expiry: Duration): LifecycleRule[] => [
  {
    expiration: expiry,
    noncurrentVersionExpiration: ONE_DAY,
    abortIncompleteMultipartUploadAfter: ONE_DAY,
  },
];
