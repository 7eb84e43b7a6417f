import { Duration, Validations } from "aws-cdk-lib";
import type { IRole } from "aws-cdk-lib/aws-iam";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { LogGroup } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { ADMIN_FUNCTION_ENV } from "../../admin/deploy/deploy-names.js";
import { projectPaths } from "../project-paths.js";
import type { SignInIssuer } from "../sign-in-issuer.js";
import type { AuditHeadBucket } from "./audit-head-bucket.js";
import type { EncryptedLogs } from "./encrypted-logs.js";
import { NodeFunction } from "./node-function.js";
import type { RulesTable } from "./rules-table.js";
import type { SigningKey } from "./signing-key.js";

/** The folder beside the bundle the function serves the studio page from. */
export const STUDIO_PAGE_FOLDER = "studio";

export interface AdminFunctionProps {
  /** Its role carries the table's admin policy: every write the CLI's admins make. */
  readonly rulesTable: RulesTable;
  /** The function signs versions and audit entries: the key lets its role sign. */
  readonly signingKey: SigningKey;
  /** Where it keeps each audit head, through the admin policy's grant. */
  readonly auditHeads: AuditHeadBucket;
  readonly signIn: SignInIssuer;
  readonly logs: EncryptedLogs;
}

/**
 * The admin API behind the studio (admin/api/handler.ts): change requests, reviews, publishes and
 * rollbacks for people signed in with a token, and the studio page itself. It alone of the
 * functions API Gateway calls writes the table and signs: its role carries the same admin policy
 * as the admin role (writes, kms:Sign, keeping audit heads), and the signing key names it as a
 * signer. The selection function stays read-only.
 *
 * The policy is attached from its own side, as for the admin role: the key policy names this role
 * and the policy names the key, so the role must not wait for the policy. The function waits for
 * it instead, so it never runs without its rights.
 */
export class AdminFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  /** The function's execution role. */
  readonly role: IRole;

  constructor(scope: Construct, id: string, props: AdminFunctionProps) {
    super(scope, id);
    const { adminPolicy } = props.rulesTable;
    const handler = new NodeFunction(this, "Handler", {
      entry: projectPaths.adminHandler,
      description: "code-rules admin API: change requests, approvals and publishes from the studio",
      // A publish writes a version, signs it and keeps its audit head; API Gateway waits 30 s.
      timeout: Duration.seconds(29),
      memorySize: 1024,
      // A team of coding managers, not a stream of tools: a few at a time, kept off the selection's.
      reservedConcurrentExecutions: 5,
      environment: adminEnvironment(props),
      logs: props.logs,
      foldersBeside: [{ name: STUDIO_PAGE_FOLDER, writer: projectPaths.studioPageWriter }],
    });
    this.function = handler.function;
    this.logGroup = handler.logGroup;
    this.role = handler.role;
    adminPolicy.attachToRole(this.role);
    this.function.node.addDependency(adminPolicy);
    props.signingKey.addSigner(this.role);
    Validations.of(this.function).acknowledge(...ADMIN_FUNCTION_ACKNOWLEDGEMENTS);
  }
}

const adminEnvironment = (props: AdminFunctionProps): Record<string, string> => ({
  [ADMIN_FUNCTION_ENV.tableName]: props.rulesTable.table.tableName,
  [ADMIN_FUNCTION_ENV.signingKeyId]: props.signingKey.key.keyArn,
  [ADMIN_FUNCTION_ENV.signingPublicKey]: props.signingKey.publicKey,
  [ADMIN_FUNCTION_ENV.auditHeadBucket]: props.auditHeads.bucket.bucketName,
  [ADMIN_FUNCTION_ENV.issuer]: props.signIn.issuer,
  [ADMIN_FUNCTION_ENV.clientId]: props.signIn.audience,
  [ADMIN_FUNCTION_ENV.groupsClaim]: props.signIn.groupsClaim,
  [ADMIN_FUNCTION_ENV.signInOrigins]: props.signIn.signInOrigins.join(" "),
});

const ADMIN_FUNCTION_ACKNOWLEDGEMENTS = [
  {
    id: "HIPAA.Security-LambdaDLQ",
    reason:
      "Invoked synchronously by API Gateway: a failed request is answered with an error to the person in the studio, who sees it and may try again; there is no event to keep.",
  },
  {
    id: "HIPAA.Security-LambdaInsideVPC",
    reason:
      "Reaches only DynamoDB, KMS (Sign), S3 (audit heads) and CloudWatch, through their public endpoints with IAM and TLS. The rules are reference data, not PHI; every version it writes is signed with a key only admins may use and every step is a signed, hash-chained audit entry kept outside the table under Object Lock, so a write is proved, not just permitted. A VPC with endpoints would narrow where those calls come from; the stack does not add a VPC, NAT and endpoints for it.",
  },
];
