import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/** Reads at most this many bytes of a body; the API itself refuses anything over 256 KiB. */
const READ_LIMIT_BYTES = 1024 * 1024;

/**
 * Translates a plain HTTP request into the API Gateway HTTP API (payload 2.0) event that the
 * deployed function receives, so the local server runs the very same handler.
 */
export const toApiGatewayEvent = async (
  request: IncomingMessage,
): Promise<APIGatewayProxyEventV2> => {
  const url = new URL(request.url ?? "/", "http://localhost");
  const body = await readBody(request);
  const now = new Date();
  const method = request.method ?? "GET";
  const requestId = randomUUID();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(",") : (value ?? ""),
      ]),
    ),
    requestContext: {
      accountId: "local",
      apiId: "local",
      domainName: url.host,
      domainPrefix: "local",
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? "",
        userAgent: request.headers["user-agent"] ?? "",
      },
      requestId,
      routeKey: "$default",
      stage: "$default",
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? body.toString("base64") : undefined,
    isBase64Encoded: body.length > 0,
  } as APIGatewayProxyEventV2;
};

// Past the limit the rest is drained unread, so the handler still sees an oversized body and says 413.
const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    if (size < READ_LIMIT_BYTES) chunks.push(buffer);
    size += buffer.length;
  }
  return Buffer.concat(chunks);
};

export const writeResult = (
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
): void => {
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  response.end(
    result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : (result.body ?? ""),
  );
};
