import { Validations } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { STUDIO_PATH } from "../../admin/deploy/deploy-names.js";
import { ROUTES } from "../../http/routes.js";
import {
  actions,
  arnOf,
  byId,
  functionStatements,
  logicalId,
  ofType,
  type Resource,
  refTo,
  resource,
  resources,
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
  const routeKey = (route: Resource) => String(route.Properties.RouteKey);
  const pathOf = (route: Resource) => routeKey(route).split(" ")[1] ?? "";
  const studioPage = [`GET ${STUDIO_PATH}`, `GET ${STUDIO_PATH}/{file}`];
  const isAdmin = (route: Resource) => pathOf(route).startsWith("/admin/v1/");
  const isStudio = (route: Resource) => studioPage.includes(routeKey(route));
  const callerRoutes = () => routes().filter((route) => !isAdmin(route) && !isStudio(route));
  const adminRoutes = () => routes().filter(isAdmin);

  /** The function a route's integration invokes. */
  const functionOf = (route: Resource): unknown => {
    const target = route.Properties.Target as { "Fn::Join": [string, [string, { Ref: string }]] };
    const integration = byId(target["Fn::Join"][1][1].Ref);
    return integration.Properties.IntegrationUri;
  };

  it("routes exactly the operations of the route table, and the studio page", () => {
    const declared = Object.values(ROUTES).map(({ method, path }) => `${method} ${path}`);
    expect(routes().map(routeKey).sort()).toEqual([...declared, ...studioPage].sort());
  });

  it("requires IAM (SigV4) authorization on every caller route, each answered by the selection function", () => {
    expect(callerRoutes().length).toBeGreaterThanOrEqual(8);
    for (const route of callerRoutes()) {
      expect(route.Properties.AuthorizationType, routeKey(route)).toBe("AWS_IAM");
      expect(route.Properties.AuthorizerId, routeKey(route)).toBeUndefined();
      expect(functionOf(route), routeKey(route)).toEqual(arnOf(stack.selection.function));
    }
  });

  it("requires a token from the sign-in issuer on every /admin/v1/ route, each answered by the admin function", () => {
    const [authorizer, ...others] = ofType("AWS::ApiGatewayV2::Authorizer");
    expect(others).toEqual([]);
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Issuer: stack.resolve(stack.signIn.issuer),
        Audience: [stack.resolve(stack.signIn.audience)],
      },
    });
    const authorizerId = Object.entries(resources).find(
      ([, candidate]) => candidate === authorizer,
    )?.[0];
    expect(adminRoutes().length).toBeGreaterThan(0);
    for (const route of adminRoutes()) {
      expect(route.Properties, routeKey(route)).toMatchObject({
        AuthorizationType: "JWT",
        AuthorizerId: { Ref: authorizerId },
      });
      expect(functionOf(route), routeKey(route)).toEqual(arnOf(stack.admin.function));
    }
  });

  it("serves the studio page and its files with no authorizer, from the admin function", () => {
    const page = routes().filter(isStudio);
    expect(page.map(routeKey).sort()).toEqual([...studioPage].sort());
    for (const route of page) {
      expect(route.Properties.AuthorizationType, routeKey(route)).toBe("NONE");
      expect(functionOf(route), routeKey(route)).toEqual(arnOf(stack.admin.function));
    }
  });

  it("leaves no other route without an authorizer, and acknowledges cdk-nag's finding on the studio page's two routes alone", () => {
    expect(routes().filter((route) => route.Properties.AuthorizationType === "NONE")).toHaveLength(
      2,
    );
    const acknowledging = stack.node
      .findAll()
      .filter((construct) =>
        construct.node.metadata.some(
          (entry) =>
            entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY &&
            JSON.stringify(entry.data).includes("AwsSolutions-APIG4"),
        ),
      )
      .map((construct) => resource(construct).Properties.RouteKey);
    expect(acknowledging.sort()).toEqual([...studioPage].sort());
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

  it("offers a policy that invokes the caller routes on its stage and nothing else: no admin route, no studio page", () => {
    const statements = statementsOf(resource(stack.api.invokePolicy));
    expect(statements).toEqual([
      { Effect: "Allow", Action: "execute-api:Invoke", Resource: expect.any(Array) },
    ]);
    const routeArns = statements
      .flatMap((statement) => statement.Resource as { "Fn::Join": [string, unknown[]] }[])
      .map((arn) => arn["Fn::Join"][1]);
    expect(routeArns).toHaveLength(callerRoutes().length);
    for (const parts of routeArns) {
      expect(parts).toContainEqual(refTo(stack.api.api));
      expect(parts.at(-1)).toMatch(/^\/\$default\/(GET|POST)\/(v1|health|openapi)/);
    }
  });
});
