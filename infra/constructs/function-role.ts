import {
  type IManagedPolicy,
  type IRole,
  ManagedPolicy,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from "aws-cdk-lib/aws-iam";
import type { ILogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

export interface FunctionRoleProps {
  readonly description: string;
  /** The function's own log group: the role may write to it and to no other. */
  readonly logGroup: ILogGroup;
  /** What the function does besides logging. */
  readonly statements?: readonly PolicyStatement[];
  /** Policies shared with others, such as the rules table's reader or admin policy. */
  readonly managedPolicies?: readonly IManagedPolicy[];
}

/**
 * An execution role for one Lambda function whose every permission is written here, in managed
 * policies (HIPAA.Security-IAMNoInlinePolicy). The role handed to the function is immutable, so the
 * grants constructs add on their own (the provider framework's) are dropped
 * instead of landing in an inline policy; each one the function needs is stated explicitly.
 */
export class FunctionRole extends Construct {
  /** The role to give the function. */
  readonly role: IRole;
  /** Logging and the `statements`: the permissions that belong to this function alone. */
  readonly policy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: FunctionRoleProps) {
    super(scope, id);
    this.policy = new ManagedPolicy(this, "Policy", {
      description: props.description,
      statements: [
        new PolicyStatement({
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [props.logGroup.logGroupArn],
        }),
        ...(props.statements ?? []),
      ],
    });
    // Attached through the role's own list, so the role (and the function) is created only after
    // the policies exist: the function never runs without its permissions.
    const role = new Role(this, "Role", {
      description: props.description,
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      managedPolicies: [this.policy, ...(props.managedPolicies ?? [])],
    });
    this.role = role.withoutPolicyUpdates();
  }
}
