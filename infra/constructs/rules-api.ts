import { readFileSync } from "node:fs";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type ThrottleSettings,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpIamAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { ManagedPolicy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { LogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { EncryptedLogs } from "./encrypted-logs.js";

interface ApiRoute {
  readonly method: HttpMethod;
  readonly path: string;
}

/**
 * Every operation of the API's OpenAPI document: the routes lambda/api/routes.ts declares, read
 * from the generated document so that the stack loads none of the function's code.
 */
export const documentedRoutes = (openApiFile: string): ApiRoute[] => {
  const document = JSON.parse(readFileSync(openApiFile, "utf8")) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({
      method: HttpMethod[method.toUpperCase() as keyof typeof HttpMethod],
      path,
    })),
  );
};

/**
 * One JSON line per request: who called, what, and how it went. API Gateway's access log variables
 * cannot carry a request or response body; none that would name a patient is chosen either.
 */
const ACCESS_LOG_FIELDS = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  ip: "$context.identity.sourceIp",
  caller: "$context.identity.userArn",
  userAgent: "$context.identity.userAgent",
  method: "$context.httpMethod",
  routeKey: "$context.routeKey",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  latencyMs: "$context.responseLatency",
  integrationLatencyMs: "$context.integrationLatency",
  integrationStatus: "$context.integrationStatus",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
} as const;

export interface RulesApiProps {
  readonly apiName: string;
  /** The routes the function answers; API Gateway itself refuses any other. */
  readonly routes: readonly ApiRoute[];
  readonly handler: IFunction;
  /** Requests per second over time, and the burst allowed above it, for the whole stage. */
  readonly throttle: Required<ThrottleSettings>;
  readonly logs: EncryptedLogs;
}

/**
 * The HTTP API: one Lambda integration behind the given routes, each callable only with
 * SigV4-signed requests from principals allowed `execute-api:Invoke` (IAM authorization).
 */
export class RulesApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** Lets a tool call every route of this API, and nothing else. */
  readonly invokePolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: RulesApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, "Api", {
      apiName: props.apiName,
      description: "code-rules: age-banded CPT code selection from versioned rules",
      defaultAuthorizer: new HttpIamAuthorizer(),
      // The stage is made below, with throttling and access logs the default stage cannot take.
      createDefaultStage: false,
    });
    const integration = new HttpLambdaIntegration("Function", props.handler);
    for (const { method, path } of props.routes) {
      this.api.addRoutes({ path, methods: [method], integration });
    }

    this.accessLogs = props.logs.createLogGroup(this, "AccessLogs");
    // `$default` serves the routes at the root of the URL, the paths the function routes on.
    this.stage = new HttpStage(this, "Stage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    this.invokePolicy = new ManagedPolicy(this, "InvokePolicy", {
      description: "Calls the code-rules HTTP API (every route, SigV4-signed)",
      statements: [
        new PolicyStatement({
          actions: ["execute-api:Invoke"],
          resources: props.routes.map(({ method, path }) =>
            this.api.arnForExecuteApi(method, path, this.stage.stageName),
          ),
        }),
      ],
    });
  }

  /** The base URL: routes are appended to it as they are (`${url}v1/select`). */
  get url(): string {
    return this.stage.url;
  }
}
