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
  // The function's reads carry a shorter budget of their own (READ_TIMEOUT_MS); this bounds every
  // other call, an admin's included, without failing a slow but live DynamoDB Local under load.
  timeoutMs = 10_000,
  maxAttempts = 2,
  endpoint,
  region,
  credentials,
}: ClientOptions = {}): DynamoDBClient =>
  new DynamoDBClient({
    maxAttempts,
    // Without throwOnRequestTimeout the SDK only warns (on stderr) when a request outlasts
    // requestTimeout, and keeps waiting: a paused store would hang a publish.
    requestHandler: {
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
    },
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(credentials ? { credentials } : {}),
  });
