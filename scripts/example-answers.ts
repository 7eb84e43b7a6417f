/**
 * The contract's examples, answered by the API itself: every example request goes through the
 * handler the function runs, on the shipped rules as version 1, and its answer becomes the example
 * of the status it answered with. `npm run openapi` writes them into the document.
 */
import { fileURLToPath } from "node:url";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { err, ok } from "../core/result.js";
import type { RulesRefusal, RuleVersions, ServedVersion } from "../core/served-version.js";
import { validateRuleSet } from "../core/validate.js";
import { CALLER_ROUTES } from "../http/caller-routes.js";
import type { NamedExample, OperationExamples } from "../http/openapi.js";
import type { ProblemStatus } from "../http/problem-types.js";
import { MAX_BODY_BYTES } from "../http/request-schemas.js";
import type { Route } from "../http/route.js";
import type { CallerOperationId } from "../http/routes.js";
import { selectionApi } from "../lambda/api/answers.js";
import type { ApiDeps } from "../lambda/api/api-deps.js";
import { readRuleFiles } from "../rule-files/read-rule-files.js";
import {
  EXAMPLE_REQUESTS,
  type ExampleRequest,
  OVERSIZED_BODY,
  type StoreState,
} from "./openapi-examples.js";

const SHIPPED_RULES = fileURLToPath(new URL("../rules", import.meta.url));
const REQUEST_ID = "Kj3bQhYDIAMEbXg=";

const shippedVersion = (): ServedVersion => {
  const read = readRuleFiles(SHIPPED_RULES);
  if (!read.ok) throw new Error(read.error);
  const ruleSet = validateRuleSet(read.value);
  if (!ruleSet.ok) throw new Error(`the shipped rules do not validate: ${ruleSet.error.length}`);
  return {
    version: 1,
    ruleSet: ruleSet.value,
    publishedAt: "2026-11-20T09:30:00.000Z",
    message: "shipped rules from rules/",
    actor: "arn:aws:sts::123456789012:assumed-role/code-rules-admin/dana",
    stale: false,
  };
};

const UNAVAILABLE: RulesRefusal = {
  kind: "rules-unavailable",
  message: "no good rule version can be served: the rules store cannot be reached",
};

const rulesWhen = (state: StoreState, served: ServedVersion): RuleVersions => ({
  load: async () => {
    if (state === "failing") throw new Error("a bug");
    return state === "unavailable" ? err(UNAVAILABLE) : ok(served);
  },
});

const depsFor = (state: StoreState, served: ServedVersion): ApiDeps => ({
  rules: rulesWhen(state, served),
  telemetry: { requestServed: () => undefined, requestFailed: () => undefined },
  today: () => "2026-11-24",
  now: () => 0,
});

// A bug fails a request alike whatever the route: the one 500 example, asked of a route that reads
// the rules.
const INTERNAL: ExampleRequest = {
  name: "internal",
  summary: "A bug: quote the request id",
  method: CALLER_ROUTES.getActiveVersion.method,
  path: CALLER_ROUTES.getActiveVersion.path,
  store: "failing",
};

/** The generic examples a route's documented statuses need beyond its own requests. */
const genericRequests = (route: Route, own: readonly ExampleRequest[]): ExampleRequest[] => {
  const other = route.method === "GET" ? "POST" : "GET";
  const documented = (status: ProblemStatus) => status in route.problems;
  const generic: ExampleRequest[] = [
    { name: "wrongMethod", summary: `${other} instead of ${route.method}`, method: other },
  ];
  if (documented(413) && !own.some(({ name }) => name === "tooManyItems")) {
    const limit = `${MAX_BODY_BYTES / 1024} KiB`;
    generic.push({ name: "tooLarge", summary: `A body over ${limit}`, text: OVERSIZED_BODY });
  }
  if (documented(500)) generic.push(INTERNAL);
  if (documented(503)) {
    const body = own.find((request) => request.body !== undefined)?.body;
    generic.push({
      name: "rulesUnavailable",
      summary: "No good rule version",
      body,
      store: "unavailable",
    });
  }
  return generic;
};

/** The HTTP API (payload 2.0) event API Gateway would hand the function for the request. */
const eventOf = (
  method: string,
  path: string,
  body: string | undefined,
): APIGatewayProxyEventV2 => ({
  version: "2.0",
  routeKey: "$default",
  rawPath: path,
  rawQueryString: "",
  headers: { "content-type": "application/json" },
  requestContext: {
    accountId: "123456789012",
    apiId: "abc123defg",
    domainName: "abc123defg.execute-api.eu-west-1.amazonaws.com",
    domainPrefix: "abc123defg",
    http: { method, path, protocol: "HTTP/1.1", sourceIp: "192.0.2.7", userAgent: "example" },
    requestId: REQUEST_ID,
    routeKey: "$default",
    stage: "$default",
    time: "24/Nov/2026:09:30:00 +0000",
    timeEpoch: Date.UTC(2026, 10, 24, 9, 30),
  },
  body,
  isBase64Encoded: false,
});

type Answered = { readonly status: number; readonly name: string } & NamedExample;

const answer = async (
  route: Route,
  request: ExampleRequest,
  served: ServedVersion,
): Promise<Answered> => {
  const handle = selectionApi(depsFor(request.store ?? "serving", served));
  const body =
    request.text ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  const result = await handle(
    eventOf(request.method ?? route.method, request.path ?? route.path, body),
  );
  const answered: unknown = JSON.parse(result.body ?? "null");
  const { name, summary, shown } = request;
  return {
    status: result.statusCode ?? 0,
    name,
    summary,
    value: shown ? shown(answered) : answered,
  };
};

// A documented status without an example gets one the reference page makes up from the schema
// (a 422 whose type is invalid-json); an example of an undocumented status is a wrong document.
const checkCoverage = (operationId: string, route: Route, answered: readonly Answered[]) => {
  const statuses = new Set(answered.map(({ status }) => String(status)));
  const documented = [...(route.response.schema ? ["200"] : []), ...Object.keys(route.problems)];
  const missing = documented.filter((status) => !statuses.has(status));
  const extra = [...statuses].filter((status) => !documented.includes(status));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${operationId}'s examples: none answers ${missing.join(", ") || "-"}; undocumented ${extra.join(", ") || "-"}`,
    );
  }
};

const examplesOf = async (
  operationId: CallerOperationId,
  served: ServedVersion,
): Promise<OperationExamples> => {
  const route: Route = CALLER_ROUTES[operationId];
  const own = EXAMPLE_REQUESTS[operationId];
  const requests = [...own, ...genericRequests(route, own)];
  const answered = await Promise.all(requests.map((request) => answer(route, request, served)));
  checkCoverage(operationId, route, answered);
  const responses: Record<string, Record<string, NamedExample>> = {};
  for (const { status, name, summary, value } of answered) {
    responses[status] = { ...responses[status], [name]: { summary, value } };
  }
  const decided = requests.filter(
    (request, index) =>
      request.body !== undefined && [200, 422].includes(answered[index]?.status ?? 0),
  );
  return {
    request: Object.fromEntries(
      decided.map(({ name, summary, body }) => [name, { summary, value: body }]),
    ),
    responses,
  };
};

let examples: Promise<Record<CallerOperationId, OperationExamples>> | undefined;

/** Every caller operation's examples, answered once per process (the studio's routes have none). */
export const operationExamples = (): Promise<Record<CallerOperationId, OperationExamples>> => {
  examples ??= (async () => {
    const served = shippedVersion();
    const ids = Object.keys(CALLER_ROUTES) as CallerOperationId[];
    const each = await Promise.all(ids.map((id) => examplesOf(id, served)));
    return Object.fromEntries(ids.map((id, index) => [id, each[index]])) as Record<
      CallerOperationId,
      OperationExamples
    >;
  })();
  return examples;
};
