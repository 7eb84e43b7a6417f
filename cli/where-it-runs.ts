/* Whether the CLI runs against AWS or against DynamoDB Local on this machine, decided once. */

/** The variable naming the KMS key admins sign with: the stack's SigningKeyArn output. */
export const SIGNING_KEY_ENV = "CODE_RULES_SIGNING_KEY";

/** The DynamoDB endpoint set in place of AWS's, as the SDK reads it. */
export const endpointOverride = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL || undefined;

const isOnThisMachine = (endpoint: string): boolean => {
  try {
    const host = new URL(endpoint).hostname;
    return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
};

/**
 * Whether the run is against DynamoDB Local: an endpoint on this machine, and no KMS key named.
 * Only there are credentials placeholders, so only there does the CLI take who acts from the
 * machine (or CODE_RULES_LOCAL_IDENTITY), sign with the local key and raise no alarm in
 * CloudWatch. Any other endpoint (AWS's own named in AWS_ENDPOINT_URL_DYNAMODB, a tunnel) is AWS:
 * STS says who acts and break glass raises its alarm, so no variable turns either off.
 */
export const onDynamoDbLocal = (env: NodeJS.ProcessEnv = process.env): boolean => {
  const endpoint = endpointOverride(env);
  return endpoint !== undefined && isOnThisMachine(endpoint) && !env[SIGNING_KEY_ENV];
};
