import { Logger } from "@aws-lambda-powertools/logger";
import { S3Client } from "@aws-sdk/client-s3";
import { createDynamoClient } from "../../store/dynamodb-client.js";
import { S3Anchor } from "../anchors/s3-anchor.js";
import { ADMIN_FUNCTION_ENV, DEFAULT_GROUPS_CLAIM } from "../deploy/deploy-names.js";
import { RuleStore } from "../rule-store.js";
import { kmsSigner } from "../signing/kms-signer.js";
import { createAdminService } from "./admin-service.js";
import { adminTelemetry } from "./admin-telemetry.js";
import { pageFilesIn } from "./studio-page.js";

const setting = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const tableName = setting(ADMIN_FUNCTION_ENV.tableName);
const signingKeyId = setting(ADMIN_FUNCTION_ENV.signingKeyId);
const publicKey = setting(ADMIN_FUNCTION_ENV.signingPublicKey);
const signer = kmsSigner(signingKeyId);

/** The admin function's Lambda entry: wired once per execution environment, at init. */
export const handler = createAdminService({
  store: new RuleStore(createDynamoClient(), tableName, {
    // The public half comes with the function's settings: every read is verified without a KMS call.
    signer: { ...signer, publicKey: async () => publicKey },
    anchor: new S3Anchor(new S3Client({}), setting(ADMIN_FUNCTION_ENV.auditHeadBucket), tableName),
  }),
  groupsClaim: process.env[ADMIN_FUNCTION_ENV.groupsClaim] || DEFAULT_GROUPS_CLAIM,
  signIn: {
    issuer: setting(ADMIN_FUNCTION_ENV.issuer),
    clientId: setting(ADMIN_FUNCTION_ENV.clientId),
    origins: setting(ADMIN_FUNCTION_ENV.signInOrigins).split(/\s+/),
  },
  // The stack builds the page beside the bundle, in studio/.
  page: pageFilesIn(new URL("./studio/", import.meta.url)),
  telemetry: adminTelemetry(new Logger({ serviceName: "code-rules-admin" })),
});
