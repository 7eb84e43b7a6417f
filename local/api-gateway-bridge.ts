import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { apiGatewayEvent } from "./api-gateway-event.js";

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
  return apiGatewayEvent({
    method: request.method ?? "GET",
    path: url.pathname,
    query: url.search.slice(1),
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(",") : (value ?? ""),
      ]),
    ),
    body: body.length > 0 ? body.toString("utf8") : undefined,
    requestId: randomUUID(),
    sourceIp: request.socket.remoteAddress ?? "",
    userAgent: request.headers["user-agent"] ?? "",
  });
};

// Past the limit the rest is drained unread, so the handler still sees an oversized body and says 413.
const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      if (size < READ_LIMIT_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    request.once("end", () => resolve(Buffer.concat(chunks)));
    request.once("error", reject);
    // A request cut off for stalling closes without either.
    request.once("close", () => reject(new Error("the request was closed before its end")));
  });

// With the length known and the body a string, Node sends the head and body in one write, not chunked.
export const writeResult = (
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
): void => {
  const body = result.isBase64Encoded
    ? Buffer.from(result.body ?? "", "base64").toString("latin1")
    : (result.body ?? "");
  const encoding = result.isBase64Encoded ? "latin1" : "utf8";
  const headers = {
    ...(result.headers as Record<string, string>),
    "content-length": String(Buffer.byteLength(body, encoding)),
  };
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body, encoding);
};
