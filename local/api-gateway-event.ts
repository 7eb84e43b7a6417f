import type { APIGatewayProxyEventV2 } from "aws-lambda";

export interface EventParts {
  readonly method: string;
  readonly path: string;
  readonly body?: string | undefined;
  readonly requestId: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
}

/** An API Gateway HTTP API (payload 2.0) event as the deployed function receives it, body in base64. */
export const apiGatewayEvent = (parts: EventParts, now = new Date()): APIGatewayProxyEventV2 => ({
  version: "2.0",
  routeKey: "$default",
  rawPath: parts.path,
  rawQueryString: parts.query ?? "",
  headers: { ...parts.headers },
  requestContext: {
    accountId: "local",
    apiId: "local",
    domainName: "localhost",
    domainPrefix: "localhost",
    http: {
      method: parts.method,
      path: parts.path,
      protocol: "HTTP/1.1",
      sourceIp: parts.sourceIp ?? "127.0.0.1",
      userAgent: parts.userAgent ?? "",
    },
    requestId: parts.requestId,
    routeKey: "$default",
    stage: "$default",
    time: now.toISOString(),
    timeEpoch: now.getTime(),
  },
  body: parts.body === undefined ? undefined : Buffer.from(parts.body).toString("base64"),
  isBase64Encoded: parts.body !== undefined,
});

/**
 * The event as API Gateway hands it on once its JWT authorizer has checked the token: the token's
 * claims under `requestContext.authorizer.jwt`, as strings (arrays written as `[a b]`).
 */
export const withJwtClaims = (
  event: APIGatewayProxyEventV2,
  claims: Readonly<Record<string, string>>,
): APIGatewayProxyEventV2 => ({
  ...event,
  requestContext: {
    ...event.requestContext,
    authorizer: { jwt: { claims: { ...claims }, scopes: [] } },
  } as APIGatewayProxyEventV2["requestContext"],
});
