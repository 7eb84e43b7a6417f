import { Logger } from "@aws-lambda-powertools/logger";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { RuleStore } from "../rule-store.js";
import { kmsSigner } from "../signing/kms-signer.js";
import { SEED_ENV } from "./deploy-names.js";
import { createSeedHandler } from "./seed.js";

const tableName = process.env[SEED_ENV.tableName];
if (!tableName) throw new Error(`${SEED_ENV.tableName} is not set`);

const signingKeyId = process.env[SEED_ENV.signingKeyId];
if (!signingKeyId) throw new Error(`${SEED_ENV.signingKeyId} is not set`);

const logger = new Logger({ serviceName: "code-rules-seed" });

/** The Lambda entry of the seed custom resource, called by the CDK provider framework. */
export const handler = createSeedHandler(
  // A deploy can wait for DynamoDB longer than a request to the API can.
  new RuleStore(
    createDynamoClient({ timeoutMs: 5_000, maxAttempts: 3 }),
    tableName,
    kmsSigner(signingKeyId),
  ),
  (outcome) => logger.info("seed", { ...outcome }),
);
