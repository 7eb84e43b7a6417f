import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { groupBy } from "../../core/group-by.js";
import { type Answer, problemAnswer } from "./answer.js";
import type { ApiDeps } from "./api-deps.js";
import { problem } from "./problem.js";
import { MAX_BODY_BYTES } from "./request-schemas.js";
import { ROUTES, type Route } from "./routes.js";

/** The routes by path, then by method. */
const BY_PATH: ReadonlyMap<string, ReadonlyMap<string, Route>> = new Map(
  [...groupBy(Object.values(ROUTES) as Route[], (route) => route.path)].map(([path, routes]) => [
    path,
    new Map(routes.map((route) => [route.method, route])),
  ]),
);

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
    const methods = BY_PATH.get(path);
    const routeName = methods ? path : "(unknown)";
    let answer: Answer;
    try {
      answer = await answerRoute(methods, method, path, event, deps);
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
  methods: ReadonlyMap<string, Route> | undefined,
  method: string,
  path: string,
  event: APIGatewayProxyEventV2,
  deps: ApiDeps,
): Promise<Answer> => {
  if (!methods) return problemAnswer(problem(404, "not-found", `there is no route ${path}`));
  const route = methods.get(method);
  if (!route) {
    const allowed = [...methods.keys()].join(", ");
    return problemAnswer(
      problem(405, "method-not-allowed", `${path} answers ${allowed}, not ${method}`),
      { headers: { allow: allowed } },
    );
  }
  if (!route.request) return route.answer(undefined, deps);
  const body = readJsonBody(event);
  return body.ok ? route.answer(body.value, deps) : problemAnswer(body.problem);
};

type JsonBody = { ok: true; value: unknown } | { ok: false; problem: ReturnType<typeof problem> };

const readJsonBody = (event: APIGatewayProxyEventV2): JsonBody => {
  const { text, bytes } = bodyText(event);
  if (bytes > MAX_BODY_BYTES) {
    return {
      ok: false,
      problem: problem(
        413,
        "too-large",
        `the body is ${bytes} bytes; the limit is ${MAX_BODY_BYTES}`,
      ),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: problem(400, "invalid-json", "the body is not valid JSON") };
  }
};

/** The body as text, and its size in bytes: a text body is measured, not copied. */
const bodyText = (event: APIGatewayProxyEventV2): { text: string; bytes: number } => {
  const raw = event.body ?? "";
  if (!event.isBase64Encoded) return { text: raw, bytes: Buffer.byteLength(raw, "utf8") };
  const decoded = Buffer.from(raw, "base64");
  return { text: decoded.toString("utf8"), bytes: decoded.length };
};

/** An answer as the HTTP response API Gateway sends; the local server writes its own problems with it too. */
export const toResult = ({ status, body, headers }: Answer): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: {
    "content-type": status >= 400 ? "application/problem+json" : "application/json",
    "cache-control": "no-store",
    // A browser never second-guesses the content type: JSON is never run as script or HTML.
    "x-content-type-options": "nosniff",
    ...headers,
  },
  body: JSON.stringify(body),
});
