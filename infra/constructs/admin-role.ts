import {
  AccountRootPrincipal,
  ArnPrincipal,
  CompositePrincipal,
  type IPrincipal,
  type IRole,
  type ManagedPolicy,
  PolicyStatement,
  Role,
} from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

export interface AdminRoleProps {
  /** What admins may do: the rules table's admin policy, kms:Sign on the signing key among it. */
  readonly policy: ManagedPolicy;
  /**
   * Who may assume the role: IAM role or user ARNs, each named in the trust policy so that no
   * other principal of the account can assume it, whatever its IAM policies say.
   * @default the account: any of its principals whose IAM policies allow sts:AssumeRole on the role
   */
  readonly trustedPrincipals?: readonly string[];
}

/**
 * The principal admins publish rules as from the CLI. The signing key lets no principal but this
 * role and the admin function's call kms:Sign (see SigningKey), so every signature in the table
 * was made by a session of this role, under a session name CloudTrail records with each
 * AssumeRole and each Sign, or by the admin function for a person signed in to the studio.
 *
 * The admin policy is attached from the policy's side (its `Roles`), not from the role's list: the
 * key policy names this role and the policy names the key, so the role must not wait for the
 * policy.
 */
export class AdminRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AdminRoleProps) {
    super(scope, id);
    const trusted = props.trustedPrincipals ?? [];
    const principals: IPrincipal[] =
      trusted.length > 0
        ? trusted.map((arn) => new ArnPrincipal(arn))
        : [new AccountRootPrincipal()];
    this.role = new Role(this, "Role", {
      description:
        "Publishes, rolls back and revokes code-rules versions from the CLI: with the admin function, the only principals the signing key lets sign",
      assumedBy:
        principals.length === 1
          ? (principals[0] as IPrincipal)
          : new CompositePrincipal(...principals),
    });
    props.policy.attachToRole(this.role);
  }

  /**
   * Lets `role` assume this role for as long as `role`'s own IAM policies allow sts:AssumeRole on
   * it, and no longer. The trust names the account with a condition on the caller's ARN rather than
   * the role itself: a same-account trust policy that names a role directly is enough on its own,
   * so detaching the caller's policy would not end its access; one that names the account defers
   * to the caller's IAM policies.
   */
  trustWhileGranted(role: IRole): void {
    this.role.assumeRolePolicy?.addStatements(
      new PolicyStatement({
        actions: ["sts:AssumeRole"],
        principals: [new AccountRootPrincipal()],
        conditions: { ArnEquals: { "aws:PrincipalArn": role.roleArn } },
      }),
    );
  }
}
