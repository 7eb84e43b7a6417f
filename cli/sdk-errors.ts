import { EXIT, type ExitCode } from "./exit-codes.js";
import { endpointOverride } from "./where-it-runs.js";

interface Described {
  readonly message: string;
  readonly exitCode: ExitCode;
}

const unreachable = (message: string): Described => ({ message, exitCode: EXIT.unreachable });

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EHOSTUNREACH",
]);

const CREDENTIAL_ERRORS = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "ExpiredToken",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "AccessDeniedException",
]);

/**
 * An error from the AWS SDK or the network as one line with what to do about it, and its class:
 * the store unreachable or credentials missing (3), anything else unexpected (1).
 */
export const describeSdkError = (error: unknown, env: NodeJS.ProcessEnv): Described => {
  const where = endpointOverride(env) ?? "DynamoDB";
  if (!(error instanceof Error)) return { message: String(error), exitCode: EXIT.refused };
  const code = (error as NodeJS.ErrnoException).code;
  const first = error.message.split("\n")[0] ?? "";
  if (error.name === "CredentialsProviderError")
    return unreachable(
      "no AWS credentials found: set AWS_PROFILE (after `aws sso login`) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    );
  if (/region is missing/i.test(first))
    return unreachable("no AWS region set: set AWS_REGION (or a region in your AWS profile)");
  if (code && CONNECTION_CODES.has(code))
    return unreachable(
      endpointOverride()
        ? `cannot reach DynamoDB at ${where} (${code}): is DynamoDB Local running (npm start)?`
        : `cannot reach DynamoDB (${code}): check the network and AWS_REGION`,
    );
  if (error.name === "TimeoutError" || code === "ETIMEDOUT")
    return unreachable(`${where} did not answer in time: is it running and reachable?`);
  if (error.name === "ResourceNotFoundException")
    return unreachable(
      "the table does not exist: check --table or CODE_RULES_TABLE (on DynamoDB Local, create it with `code-rules init`)",
    );
  if (CREDENTIAL_ERRORS.has(error.name))
    return unreachable(`AWS refused the credentials (${error.name}): ${first}`);
  return { message: `${error.name}: ${first}`, exitCode: EXIT.refused };
};
