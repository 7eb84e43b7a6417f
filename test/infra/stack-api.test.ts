import { describe, expect, it } from "vitest";
import { ROUTES } from "../../lambda/api/routes.js";
import {
  actions,
  arnOf,
  functionStatements,
  logicalId,
  ofType,
  refTo,
  resource,
  stack,
  statementsOf,
  synthesizedOnce,
} from "./support/stack-template.js";

synthesizedOnce();

describe("the selection function", () => {
  const properties = () => resource(stack.selection.function).Properties;

  it("runs the handler export of the lambda/handler.ts bundle on Node.js 24, arm64", () => {
    expect(properties()).toMatchObject({
      Handler: "index.handler",
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
    });
  });

  it("is bounded: 10 s, 512 MB and 20 reserved concurrent executions", () => {
    expect(properties()).toMatchObject({
      Timeout: 10,
      MemorySize: 512,
      ReservedConcurrentExecutions: 20,
    });
  });

  it("is told its table, a 5 s cache TTL, the signing public key, its Powertools names, and to use source maps", () => {
    expect(properties().Environment).toEqual({
      Variables: {
        RULES_TABLE_NAME: refTo(stack.rulesTable.table),
        RULES_CACHE_TTL_SECONDS: "5",
        RULES_SIGNING_PUBLIC_KEY: {
          "Fn::GetAtt": [logicalId(stack.signingKey.node.findChild("PublicKey")), "PublicKey"],
        },
        POWERTOOLS_SERVICE_NAME: "code-rules",
        POWERTOOLS_METRICS_NAMESPACE: "CodeRules",
        NODE_OPTIONS: "--enable-source-maps",
      },
    });
  });

  it("logs JSON to its own log group, and is not half traced: no active tracing, no X-Ray grant", () => {
    expect(properties()).toMatchObject({
      LoggingConfig: { LogFormat: "JSON", LogGroup: refTo(stack.selection.logGroup) },
    });
    expect(properties().TracingConfig).toBeUndefined();
    expect(
      functionStatements(stack.selection.function)
        .flatMap(actions)
        .filter((action) => action.startsWith("xray:")),
    ).toEqual([]);
  });

  it("may GetItem and Query the rules table, and do nothing else to DynamoDB", () => {
    const dynamo = functionStatements(stack.selection.function).filter((statement) =>
      actions(statement).some((action) => action.startsWith("dynamodb:")),
    );
    expect(dynamo).toEqual([
      {
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:Query"],
        Resource: arnOf(stack.rulesTable.table),
      },
    ]);
  });

  it("holds no DynamoDB write action and no wildcard action", () => {
    const granted = functionStatements(stack.selection.function).flatMap(actions);
    expect(
      granted.filter((action) => /^dynamodb:(Put|Update|Delete|Batch|Transact|\*)/.test(action)),
    ).toEqual([]);
    expect(granted.filter((action) => action.includes("*"))).toEqual([]);
  });
});

describe("the HTTP API", () => {
  const routes = () => ofType("AWS::ApiGatewayV2::Route");

  it("routes exactly the operations of the route table", () => {
    const declared = Object.values(ROUTES).map(({ method, path }) => `${method} ${path}`);
    expect(
      routes()
        .map((route) => route.Properties.RouteKey)
        .sort(),
    ).toEqual(declared.sort());
  });

  it("requires IAM (SigV4) authorization on every route", () => {
    expect(routes()).toHaveLength(Object.keys(ROUTES).length);
    for (const route of routes()) {
      expect(route.Properties.AuthorizationType, String(route.Properties.RouteKey)).toBe("AWS_IAM");
    }
  });

  it("serves the routes at the root of its URL, throttled to 50 requests a second, bursts of 100", () => {
    expect(resource(stack.api.stage).Properties).toMatchObject({
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it("writes a JSON access log line per request, with no body, to its own log group", () => {
    const { DestinationArn, Format } = resource(stack.api.stage).Properties.AccessLogSettings as {
      DestinationArn: unknown;
      Format: string;
    };
    expect(DestinationArn).toEqual(arnOf(stack.api.accessLogs));
    const fields = JSON.parse(Format) as Record<string, string>;
    expect(fields).toMatchObject({
      requestId: "$context.requestId",
      ip: "$context.identity.sourceIp",
      method: "$context.httpMethod",
      routeKey: "$context.routeKey",
      status: "$context.status",
      latencyMs: "$context.responseLatency",
    });
    expect(Format).not.toMatch(/body|\$input|override/i);
  });

  it("offers a policy that invokes the route table's routes on its stage and nothing else", () => {
    const statements = statementsOf(resource(stack.api.invokePolicy));
    expect(statements).toEqual([
      { Effect: "Allow", Action: "execute-api:Invoke", Resource: expect.any(Array) },
    ]);
    const routeArns = statements
      .flatMap((statement) => statement.Resource as { "Fn::Join": [string, unknown[]] }[])
      .map((arn) => arn["Fn::Join"][1]);
    expect(routeArns).toHaveLength(Object.keys(ROUTES).length);
    for (const parts of routeArns) {
      expect(parts).toContainEqual(refTo(stack.api.api));
      expect(parts.at(-1)).toMatch(/^\/\$default\/(GET|POST)\/[a-z]/);
    }
  });
});
