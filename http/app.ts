import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { groupBy } from "../core/group-by.js";
import { type Answer, problemAnswer } from "./answer.js";
import { problem } from "./problem.js";
import { MAX_BODY_BYTES } from "./request-schemas.js";
import type { Route } from "./route.js";
import type { OperationId } from "./routes.js";
import type { Telemetry } from "./telemetry.js";

/** What a route's answer is given: its body, its path's parameters and who called. */
export interface RouteInput {
  /** The JSON body; undefined for a route that takes none. */
  readonly body: unknown;
  /** The path's parameters by name, as the route's `{name}`s place them. */
  readonly params: Readonly<Record<string, string>>;
  /** The token's claims as API Gateway's JWT authorizer hands them on; none on IAM routes. */
  readonly claims: Readonly<Record<string, unknown>> | undefined;
}

export type AnswerOf<D> = (input: RouteInput, deps: D) => Promise<Answer>;

/** A function's answers: one for each of its routes, by operation id. */
export type Answers<Id extends OperationId, D> = { readonly [K in Id]: AnswerOf<D> };

/** What every function's API needs, besides what its own answers need. */
export interface AppDeps {
  readonly telemetry: Telemetry;
  /** Milliseconds from a monotonic clock, for latency. */
  readonly now: () => number;
}

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

interface Answered<D> {
  readonly route: Route;
  readonly answer: AnswerOf<D>;
}

interface PathTemplate<D> {
  readonly path: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly byMethod: ReadonlyMap<string, Answered<D>>;
}

const PARAMETER = /\{([a-zA-Z]+)\}/g;

const template = <D>(path: string, answered: readonly Answered<D>[]): PathTemplate<D> => ({
  path,
  // A parameter is one path segment, as API Gateway matches `{name}`.
  pattern: new RegExp(`^${path.replace(PARAMETER, "([^/]+)")}$`),
  names: [...path.matchAll(PARAMETER)].map((match) => match[1] ?? ""),
  byMethod: new Map(answered.map((one) => [one.route.method, one])),
});

const templatesOf = <Id extends OperationId, D>(
  routes: Readonly<Record<Id, Route>>,
  answers: Answers<Id, D>,
): PathTemplate<D>[] => {
  const answered = (Object.keys(answers) as Id[]).map((id) => ({
    route: routes[id],
    answer: answers[id] as AnswerOf<D>,
  }));
  return [...groupBy(answered, ({ route }) => route.path)].map(([path, all]) =>
    template(path, all),
  );
};

interface Matched<D> {
  readonly template: PathTemplate<D>;
  readonly params: Record<string, string>;
}

const match = <D>(templates: readonly PathTemplate<D>[], path: string): Matched<D> | undefined => {
  for (const one of templates) {
    const found = one.pattern.exec(path);
    if (!found) continue;
    const values = found.slice(1).map((value) => safeDecode(value));
    if (values.some((value) => value === undefined)) return undefined;
    return {
      template: one,
      params: Object.fromEntries(one.names.map((name, index) => [name, values[index] ?? ""])),
    };
  }
  return undefined;
};

const safeDecode = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
};

/**
 * A function's HTTP API as one function of an API Gateway HTTP API (payload 2.0) event: it
 * answers its own routes (its table of the route table: a function's bundle carries no other
 * function's routes), each with the answer given for it, and no other.
 */
export const createApi = <Id extends OperationId, D extends AppDeps>(
  routes: Readonly<Record<Id, Route>>,
  answers: Answers<Id, D>,
  deps: D,
): ApiHandler => {
  const templates = templatesOf(routes, answers);
  return async (event) => {
    const started = deps.now();
    const { method, path, requestId } = event.requestContext.http
      ? {
          method: event.requestContext.http.method,
          path: event.rawPath,
          requestId: event.requestContext.requestId,
        }
      : { method: "", path: "", requestId: "" };
    const matched = match(templates, path);
    const routeName = matched?.template.path ?? "(unknown)";
    let answer: Answer;
    try {
      answer = await answerRoute(matched, method, path, event, deps);
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
};

const answerRoute = async <D>(
  matched: Matched<D> | undefined,
  method: string,
  path: string,
  event: APIGatewayProxyEventV2,
  deps: D,
): Promise<Answer> => {
  if (!matched) return problemAnswer(problem(404, "not-found", `there is no route ${path}`));
  const { template, params } = matched;
  const answered = template.byMethod.get(method);
  if (!answered) {
    const allowed = [...template.byMethod.keys()].join(", ");
    return problemAnswer(
      problem(405, "method-not-allowed", `${path} answers ${allowed}, not ${method}`),
      { headers: { allow: allowed } },
    );
  }
  const claims = claimsOf(event);
  if (!answered.route.request) return answered.answer({ body: undefined, params, claims }, deps);
  const body = readJsonBody(event, answered.route.maxBodyBytes ?? MAX_BODY_BYTES);
  return body.ok
    ? answered.answer({ body: body.value, params, claims }, deps)
    : problemAnswer(body.problem);
};

const claimsOf = (event: APIGatewayProxyEventV2): RouteInput["claims"] => {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: object } } };
  return context.authorizer?.jwt?.claims as RouteInput["claims"];
};

type JsonBody = { ok: true; value: unknown } | { ok: false; problem: ReturnType<typeof problem> };

const readJsonBody = (event: APIGatewayProxyEventV2, limit: number): JsonBody => {
  const { text, bytes } = bodyText(event);
  if (bytes > limit) {
    return {
      ok: false,
      problem: problem(413, "too-large", `the body is ${bytes} bytes; the limit is ${limit}`),
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
