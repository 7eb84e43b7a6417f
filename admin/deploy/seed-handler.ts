import { Logger } from "@aws-lambda-powertools/logger";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { S3Anchor } from "../anchors/s3-anchor.js";
import { RuleStore } from "../rule-store.js";
import { kmsSigner } from "../signing/kms-signer.js";
import { assumeAdminRole } from "./admin-session.js";
import { SEED_ENV } from "./deploy-names.js";
import { createSeedHandler } from "./seed.js";

const setting = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const tableName = setting(SEED_ENV.tableName);
const signingKeyId = setting(SEED_ENV.signingKeyId);
const adminRoleArn = setting(SEED_ENV.adminRoleArn);
const auditHeadBucket = setting(SEED_ENV.auditHeadBucket);

const logger = new Logger({ serviceName: "code-rules-seed" });

/** The Lambda entry of the seed custom resource, called by the CDK provider framework. */
export const handler = createSeedHandler(
  // Opened on the first deploy's Create only: the seed's role may assume the admin role until the
  // stack detaches that right, so a later Update or Delete must not need it.
  async () => {
    const credentials = await assumeAdminRole(adminRoleArn);
    return new RuleStore(
      // A deploy can wait for DynamoDB longer than a request to the API can.
      createDynamoClient({ timeoutMs: 5_000, maxAttempts: 3, credentials }),
      tableName,
      {
        signer: kmsSigner(signingKeyId, new KMSClient({ credentials })),
        anchor: new S3Anchor(new S3Client({ credentials }), auditHeadBucket, tableName),
      },
    );
  },
  (outcome) => logger.info("seed", { ...outcome }),
);
