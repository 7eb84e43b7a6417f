import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

export interface ClientOptions {
  /** Milliseconds to wait for a connection and for a response; requests never hang longer. */
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  /** Overrides AWS_ENDPOINT_URL_DYNAMODB; for tests and benchmarks that run a DynamoDB Local of their own. */
  readonly endpoint?: string;
  /** With `endpoint`, for a DynamoDB Local that must not depend on the process's AWS settings. */
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/**
 * A DynamoDB client. The endpoint comes from the SDK's own AWS_ENDPOINT_URL_DYNAMODB, so the same
 * code talks to AWS and to DynamoDB Local.
 */
export const createDynamoClient = ({
  timeoutMs = 2_000,
  maxAttempts = 2,
  endpoint,
  region,
  credentials,
}: ClientOptions = {}): DynamoDBClient =>
  new DynamoDBClient({
    maxAttempts,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(credentials ? { credentials } : {}),
  });
