import { readFile } from "node:fs/promises";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { RuleVersions } from "../core/served-version.js";
import { type Answer, problemAnswer } from "./answer.js";
import { answerBatch } from "./batch-route.js";
import { answerHealth, answerProcedures, answerRulesInfo } from "./info-routes.js";
import { OPENAPI_FILE } from "./openapi-file.js";
import { problem } from "./problem.js";
import { answerSelect } from "./select-route.js";
import type { Telemetry } from "./telemetry.js";

/** The largest body the API reads; API Gateway would pass up to 10 MB. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ApiDeps {
  readonly rules: RuleVersions;
  readonly telemetry: Telemetry;
  /** Today's date in UTC, YYYY-MM-DD. */
  readonly today: () => string;
  /** Milliseconds from a monotonic clock, for latency. */
  readonly now: () => number;
}

type Route = (body: unknown, deps: ApiDeps) => Promise<Answer>;

// Read on first request, not imported: a document in the code would be parsed by every cold start
// (and generating it would bundle zod's JSON Schema generator).
let openApiDocument: unknown;
const openApi = async (): Promise<Answer> => {
  openApiDocument ??= JSON.parse(await readFile(OPENAPI_FILE, "utf8"));
  return { status: 200, body: openApiDocument };
};

const ROUTES: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  "/v1/select": { POST: answerSelect },
  "/v1/select/batch": { POST: answerBatch },
  "/v1/procedures": { GET: (_, deps) => answerProcedures(deps.rules) },
  "/v1/rules": { GET: (_, deps) => answerRulesInfo(deps.rules) },
  "/health": { GET: (_, deps) => answerHealth(deps.rules) },
  "/openapi.json": { GET: openApi },
};

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** The whole HTTP API as one function of an API Gateway HTTP API (payload 2.0) event. */
export const createApi =
  (deps: ApiDeps): ApiHandler =>
  async (event) => {
    const started = deps.now();
    const { method, path, requestId } = event.requestContext.http
      ? {
          method: event.requestContext.http.method,
          path: event.rawPath,
          requestId: event.requestContext.requestId,
        }
      : { method: "", path: "", requestId: "" };
    const route = ROUTES[path];
    const routeName = route ? path : "(unknown)";
    let answer: Answer;
    try {
      answer = await answerRoute(route, method, path, event, deps);
    } catch (error) {
      deps.telemetry.requestFailed(requestId, routeName, error);
      answer = problemAnswer(
        problem(500, "internal", `an internal error occurred; quote request id ${requestId}`),
      );
    }
    const { status, ruleVersion, stale, outcomes } = answer;
    deps.telemetry.requestServed({
      requestId,
      route: routeName,
      status,
      latencyMs: deps.now() - started,
      ruleVersion,
      stale,
      outcomes: outcomes ?? [],
    });
    return toResult(answer);
  };

const answerRoute = async (
  route: Readonly<Record<string, Route>> | undefined,
  method: string,
  path: string,
  event: APIGatewayProxyEventV2,
  deps: ApiDeps,
): Promise<Answer> => {
  if (!route) return problemAnswer(problem(404, "not-found", `there is no route ${path}`));
  const handler = route[method];
  if (!handler) {
    const allowed = Object.keys(route).join(", ");
    return problemAnswer(
      problem(405, "method-not-allowed", `${path} answers ${allowed}, not ${method}`),
      { headers: { allow: allowed } },
    );
  }
  if (method !== "POST") return handler(undefined, deps);
  const body = readJsonBody(event);
  return body.ok ? handler(body.value, deps) : problemAnswer(body.problem);
};

type JsonBody = { ok: true; value: unknown } | { ok: false; problem: ReturnType<typeof problem> };

const readJsonBody = (event: APIGatewayProxyEventV2): JsonBody => {
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.length > MAX_BODY_BYTES) {
    return {
      ok: false,
      problem: problem(
        413,
        "too-large",
        `the body is ${bytes.length} bytes; the limit is ${MAX_BODY_BYTES}`,
      ),
    };
  }
  try {
    return { ok: true, value: JSON.parse(bytes.toString("utf8")) };
  } catch {
    return { ok: false, problem: problem(400, "invalid-json", "the body is not valid JSON") };
  }
};

const toResult = ({ status, body, headers }: Answer): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: {
    "content-type": status >= 400 ? "application/problem+json" : "application/json",
    "cache-control": "no-store",
    ...headers,
  },
  body: JSON.stringify(body),
});
