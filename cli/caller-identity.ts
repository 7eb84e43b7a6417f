import { hostname, userInfo } from "node:os";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

/** The DynamoDB endpoint set in place of AWS's, as the SDK reads it: DynamoDB Local. */
export const endpointOverride = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL || undefined;

/**
 * Who is acting, for the audit trail: the ARN the AWS credentials belong to (STS
 * GetCallerIdentity, which every principal may call), or, on DynamoDB Local, where credentials
 * are placeholders, the operating-system user. What people type (`--actor`) never replaces it.
 */
export const callerIdentity = async (
  sts: Pick<STSClient, "send"> = new STSClient({}),
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> => {
  if (endpointOverride(env)) return `os-user:${userInfo().username}@${hostname()}`;
  const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
  if (!Arn) throw new Error("STS GetCallerIdentity answered without an ARN");
  return Arn;
};
