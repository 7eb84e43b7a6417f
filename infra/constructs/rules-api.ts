import { Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
  type ThrottleSettings,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpIamAuthorizer, HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { ManagedPolicy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { LogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { DocumentedRoute, RouteAccess } from "../documented-routes.js";
import type { SignInIssuer } from "../sign-in-issuer.js";
import type { EncryptedLogs } from "./encrypted-logs.js";

/**
 * One JSON line per request: who called, what, and how it went. API Gateway's access log variables
 * cannot carry a request or response body; none that would name a patient is chosen either.
 */
const ACCESS_LOG_FIELDS = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  ip: "$context.identity.sourceIp",
  caller: "$context.identity.userArn",
  // A signed-in person's subject, on the admin routes.
  subject: "$context.authorizer.claims.sub",
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
  /** The documented routes; API Gateway itself refuses any other. */
  readonly routes: readonly DocumentedRoute[];
  /** The function that answers each access's routes. */
  readonly handlers: Readonly<Record<RouteAccess, IFunction>>;
  /** Whose tokens the admin routes accept. */
  readonly signIn: Pick<SignInIssuer, "issuer" | "audience">;
  /** Where the admin function serves the studio page: the path and `<path>/{file}`. */
  readonly studioPath: string;
  /** Requests per second over time, and the burst allowed above it, for the whole stage. */
  readonly throttle: Required<ThrottleSettings>;
  readonly logs: EncryptedLogs;
}

/**
 * The HTTP API, each route authorized as the OpenAPI document says: a caller route only for
 * SigV4-signed requests from principals allowed `execute-api:Invoke` (IAM), answered by the
 * selection function; an admin route only with a token from the sign-in issuer (JWT), answered by
 * the admin function; and the studio page, with no authorizer, by the admin function.
 */
export class RulesApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** Lets a tool call every caller route of this API, and nothing else. */
  readonly invokePolicy: ManagedPolicy;
  private readonly studioPath: string;

  constructor(scope: Construct, id: string, props: RulesApiProps) {
    super(scope, id);
    this.studioPath = props.studioPath;
    this.api = new HttpApi(this, "Api", {
      apiName: props.apiName,
      description: "code-rules: age-banded CPT code selection from versioned rules",
      // What a route gets that names no authorizer: never none.
      defaultAuthorizer: new HttpIamAuthorizer(),
      // The stage is made below, with throttling and access logs the default stage cannot take.
      createDefaultStage: false,
    });
    const integrations: Record<RouteAccess, HttpLambdaIntegration> = {
      caller: new HttpLambdaIntegration("Function", props.handlers.caller),
      admin: new HttpLambdaIntegration("AdminFunction", props.handlers.admin),
    };
    this.addDocumentedRoutes(props, integrations);
    this.addStudioPage(props.studioPath, integrations.admin);

    this.accessLogs = props.logs.createLogGroup(this, "AccessLogs");
    // `$default` serves the routes at the root of the URL, the paths the functions route on.
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
      // As first deployed: a new description would replace the policy, and with it the ARN that
      // tools' roles have attached.
      description: "Calls the code-rules HTTP API (every route, SigV4-signed)",
      statements: [
        new PolicyStatement({
          actions: ["execute-api:Invoke"],
          resources: props.routes
            .filter(({ access }) => access === "caller")
            .map(({ method, path }) =>
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

  /** The studio page's URL. */
  get studioUrl(): string {
    return `${this.url}${this.studioPath.replace(/^\//, "")}`;
  }

  /** Each documented route, on its access's function behind its access's authorizer. */
  private addDocumentedRoutes(
    props: RulesApiProps,
    integrations: Readonly<Record<RouteAccess, HttpLambdaIntegration>>,
  ): void {
    const authorizers: Record<RouteAccess, IHttpRouteAuthorizer> = {
      caller: new HttpIamAuthorizer(),
      admin: new HttpJwtAuthorizer("SignIn", props.signIn.issuer, {
        jwtAudience: [props.signIn.audience],
      }),
    };
    for (const { method, path, access } of props.routes) {
      this.api.addRoutes({
        path,
        methods: [method],
        integration: integrations[access],
        authorizer: authorizers[access],
      });
    }
  }

  /**
   * The studio page and its files, with no authorizer: a browser opening a page sends no token,
   * and the page holds no data. Every call it makes is to an admin route, with a token the JWT
   * authorizer checks.
   */
  private addStudioPage(path: string, integration: HttpLambdaIntegration): void {
    const routes: HttpRoute[] = [path, `${path}/{file}`].flatMap((pagePath) =>
      this.api.addRoutes({
        path: pagePath,
        methods: [HttpMethod.GET],
        integration,
        authorizer: new HttpNoneAuthorizer(),
      }),
    );
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "The studio page's own files (HTML, script, style), served to a browser that has no token yet: they hold no data and no secret. Every call the page makes goes to an /admin/v1/ route, which API Gateway's JWT authorizer guards.",
      });
    }
  }
}
