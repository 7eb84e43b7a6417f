import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { expect } from "vitest";
import { OPENAPI_FILE } from "../../http/openapi-file.js";
import { apiGatewayEvent } from "../../local/api-gateway-event.js";

let requests = 0;

/** An API Gateway HTTP API (payload 2.0) event, as the deployed function receives one. */
export const apiEvent = (method: string, path: string, body?: unknown): APIGatewayProxyEventV2 => {
  requests += 1;
  const text =
    body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return apiGatewayEvent({
    method,
    path,
    body: text,
    requestId: `request-${requests}`,
    headers: { "content-type": "application/json" },
  });
};

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

// The committed document, which the API serves; test/lambda/api/openapi-file.test.ts keeps it current.
const document = JSON.parse(readFileSync(OPENAPI_FILE, "utf8")) as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: "openapi", components: document.components });

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

const validatorFor = (path: string, method: string, status: number, contentType: string) => {
  const key = `${method} ${path} ${status} ${contentType}`;
  const known = validators.get(key);
  if (known) return known;
  const operation = document.paths[path]?.[method.toLowerCase()];
  const response = operation?.responses[String(status)];
  if (!response)
    throw new Error(`the OpenAPI document has no ${status} response for ${method} ${path}`);
  const media = response.content?.[contentType];
  if (!media)
    throw new Error(
      `the OpenAPI document has no ${contentType} body for ${status} on ${method} ${path}`,
    );
  const schema = JSON.parse(
    JSON.stringify(media.schema ?? {}).replaceAll('"#/components', '"openapi#/components'),
  );
  const validate = ajv.compile(schema);
  validators.set(key, validate);
  return validate;
};

/**
 * Checks a response against the OpenAPI document (a documented status, content type and body
 * shape) and that it forbids content sniffing.
 */
export const expectConforms = (method: string, path: string, answer: Answer): void => {
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  const documented = document.paths[path] ? path : undefined;
  if (!documented) {
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    ajvProblem(answer.body);
    return;
  }
  if (answer.status === 405) {
    expect(answer.headers.allow).toBeTruthy();
    ajvProblem(answer.body);
    return;
  }
  const validate = validatorFor(path, method, answer.status, answer.headers["content-type"] ?? "");
  if (!validate(answer.body))
    throw new Error(
      `${method} ${path} ${answer.status} breaks the OpenAPI document: ${ajv.errorsText(validate.errors)}`,
    );
};

const ajvProblem = (body: unknown): void => {
  const validate = ajv.compile({ $ref: "openapi#/components/schemas/Problem" });
  if (!validate(body))
    throw new Error(`not a problem document: ${ajv.errorsText(validate.errors)}`);
};

export const toAnswer = (result: APIGatewayProxyStructuredResultV2): Answer => ({
  status: result.statusCode ?? 0,
  headers: (result.headers ?? {}) as Record<string, string>,
  body: JSON.parse(result.body ?? "null"),
});
