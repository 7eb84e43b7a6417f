import { hostname, userInfo } from "node:os";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { LOCAL_ENV } from "../local/local-defaults.js";
import { CliError } from "./cli-error.js";
import { endpointOverride, onDynamoDbLocal } from "./where-it-runs.js";

const LOCAL_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/**
 * The identity named in CODE_RULES_LOCAL_IDENTITY, for DynamoDB Local on this machine only: there
 * credentials are placeholders, and playing a second admin is how two-person approval is tried.
 * Against any other endpoint the credentials say who acts, and the variable is refused.
 */
const namedLocalIdentity = (env: NodeJS.ProcessEnv): string | undefined => {
  const name = env[LOCAL_ENV.identity];
  if (name === undefined || name === "") return undefined;
  if (!onDynamoDbLocal(env))
    throw new CliError(
      `${LOCAL_ENV.identity} names who acts on DynamoDB Local only; against ${endpointOverride(env) ?? "AWS"} your credentials say who you are: unset it`,
    );
  if (!LOCAL_NAME.test(name))
    throw new CliError(
      `${LOCAL_ENV.identity} must be a name of letters, digits and . _ @ - (at most 64), starting with a letter or digit`,
    );
  return `local:${name}`;
};

/**
 * Who is acting, for the audit trail and for two-person approval: the ARN the AWS credentials
 * belong to (STS GetCallerIdentity, which every principal may call), or, on DynamoDB Local, where
 * credentials are placeholders, the name CODE_RULES_LOCAL_IDENTITY gives or else the
 * operating-system user. What people type (`--actor`) never replaces it.
 */
export const callerIdentity = async (
  sts: Pick<STSClient, "send"> = new STSClient({}),
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> => {
  const named = namedLocalIdentity(env);
  if (named) return named;
  if (onDynamoDbLocal(env)) return `os-user:${userInfo().username}@${hostname()}`;
  const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
  if (!Arn) throw new CliError("STS GetCallerIdentity answered without an ARN");
  return Arn;
};
