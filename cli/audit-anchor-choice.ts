import { S3Client } from "@aws-sdk/client-s3";
import { FileAnchor } from "../admin/anchors/file-anchor.js";
import { S3Anchor } from "../admin/anchors/s3-anchor.js";
import type { AuditAnchor } from "../admin/audit-anchor.js";
import { auditHeadsFile, LOCAL_DEFAULTS } from "../local/local-defaults.js";
import type { SignedHead } from "../store/table-items.js";
import { chosenOnce } from "./chosen-once.js";
import { onDynamoDbLocal } from "./where-it-runs.js";

/** The variable naming where audit heads are kept: `s3://` and the stack's AuditHeadBucket output, or a folder. */
export const AUDIT_ANCHOR_ENV = "CODE_RULES_AUDIT_ANCHOR";

const chooseAnchor = (env: NodeJS.ProcessEnv, tableName: string): AuditAnchor => {
  const named = env[AUDIT_ANCHOR_ENV];
  if (named?.startsWith("s3://")) {
    const bucket = named.slice("s3://".length).replace(/\/+$/, "");
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
      throw new Error(
        `${AUDIT_ANCHOR_ENV} names no S3 bucket: s3://<the stack's AuditHeadBucket output>`,
      );
    return new S3Anchor(new S3Client({}), bucket, tableName);
  }
  if (named) return new FileAnchor(auditHeadsFile(named, tableName));
  if (onDynamoDbLocal(env))
    return new FileAnchor(auditHeadsFile(LOCAL_DEFAULTS.dynamoDataDir, tableName));
  throw new Error(
    `no place to keep audit heads: set ${AUDIT_ANCHOR_ENV} to s3://<the stack's AuditHeadBucket output> (on DynamoDB Local a file beside its data is used)`,
  );
};

/**
 * Where the CLI keeps a copy of each audit head: the S3 bucket $CODE_RULES_AUDIT_ANCHOR names, or
 * on DynamoDB Local a file beside its data. Chosen when first used, as the signer is: commands
 * that append nothing and verify nothing need neither.
 */
export const cliAnchor = (env: NodeJS.ProcessEnv, tableName: string): AuditAnchor => {
  const anchor = chosenOnce(() => chooseAnchor(env, tableName));
  return {
    get where() {
      return anchor().where;
    },
    keep: (head: SignedHead) => anchor().keep(head),
    newest: () => anchor().newest(),
  };
};
