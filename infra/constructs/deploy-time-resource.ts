import { CustomResource, type Duration, Validations } from "aws-cdk-lib";
import { type IManagedPolicy, type IRole, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Provider } from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import type { EncryptedLogs } from "./encrypted-logs.js";
import { FunctionRole } from "./function-role.js";
import { NodeFunction } from "./node-function.js";

export interface DeployTimeResourceProps {
  /** The TypeScript file whose `handler` answers CloudFormation's Create, Update and Delete. */
  readonly entry: string;
  readonly description: string;
  readonly resourceType: `Custom::${string}`;
  readonly properties: Readonly<Record<string, string>>;
  readonly timeout: Duration;
  readonly environment?: Readonly<Record<string, string>>;
  readonly statements?: readonly PolicyStatement[];
  readonly managedPolicies?: readonly IManagedPolicy[];
  readonly logs: EncryptedLogs;
}

/**
 * A custom resource backed by a function of this project, run by the CDK provider framework only
 * while CloudFormation deploys the stack.
 */
export class DeployTimeResource extends Construct {
  readonly function: NodejsFunction;
  /** The function's execution role. */
  readonly role: IRole;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: DeployTimeResourceProps) {
    super(scope, id);
    const handler = new NodeFunction(this, "Handler", {
      entry: props.entry,
      description: props.description,
      timeout: props.timeout,
      memorySize: 256,
      environment: props.environment,
      logs: props.logs,
      statements: props.statements,
      managedPolicies: props.managedPolicies,
    });
    const providerLogs = props.logs.createLogGroup(this, "ProviderLogs");
    const providerRole = new FunctionRole(this, "ProviderRole", {
      description: `CDK provider framework for ${props.resourceType}`,
      logGroup: providerLogs,
      statements: [
        new PolicyStatement({
          actions: ["lambda:InvokeFunction", "lambda:GetFunction"],
          resources: [handler.function.functionArn],
        }),
      ],
    });
    const provider = new Provider(this, "Provider", {
      onEventHandler: handler.function,
      logGroup: providerLogs,
      frameworkOnEventRole: providerRole.role,
    });
    Validations.of(this).acknowledge(...DEPLOY_TIME_FUNCTION_ACKNOWLEDGEMENTS);
    this.function = handler.function;
    this.role = handler.role;
    this.resource = new CustomResource(this, "Resource", {
      serviceToken: provider.serviceToken,
      resourceType: props.resourceType,
      properties: props.properties,
    });
  }
}

export const DEPLOY_TIME_FUNCTION_ACKNOWLEDGEMENTS = [
  {
    id: "HIPAA.Security-LambdaConcurrency",
    reason:
      "Deploy-time functions, called once per stack operation: they take no traffic to cap, and reserving concurrency would take it from the account for nothing.",
  },
  {
    id: "HIPAA.Security-LambdaDLQ",
    reason:
      "Every failure is reported to CloudFormation, which fails and rolls back the deploy; a dead-letter queue would hold nothing left to act on.",
  },
  {
    id: "HIPAA.Security-LambdaInsideVPC",
    reason:
      "They run only while CloudFormation deploys, calling AWS APIs (DynamoDB, KMS, STS, IAM, Lambda) and CloudFormation's response URL with IAM and TLS. VPC endpoints with aws:SourceVpce conditions could narrow where those calls may come from; the stack does not add a VPC, NAT and endpoints for functions that run for seconds per deploy.",
  },
];
