import { CfnOutput, Duration, Lazy, Stack, type StackProps, Tags, Validations } from "aws-cdk-lib";
import type { ThrottleSettings } from "aws-cdk-lib/aws-apigatewayv2";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { ADMIN_GROUPS, STUDIO_PATH } from "../admin/deploy/deploy-names.js";
import {
  DEFAULT_CACHE_TTL_SECONDS,
  FUNCTION_ENV,
  METRICS_NAMESPACE,
  SERVICE_NAME,
} from "../lambda/service-names.js";
import { AdminFunction } from "./constructs/admin-function.js";
import { AdminRole } from "./constructs/admin-role.js";
import { AuditHeadBucket } from "./constructs/audit-head-bucket.js";
import { BulkAudit } from "./constructs/bulk-audit.js";
import { EncryptedLogs } from "./constructs/encrypted-logs.js";
import { DEFAULT_RECORD_LOCK } from "./constructs/locked-bucket.js";
import { NodeFunction } from "./constructs/node-function.js";
import { RulesApi } from "./constructs/rules-api.js";
import { RulesSeed } from "./constructs/rules-seed.js";
import { RulesTable } from "./constructs/rules-table.js";
import { type AlarmNotifications, ServiceAlarms } from "./constructs/service-alarms.js";
import { SigningKey } from "./constructs/signing-key.js";
import { StudioUserPool } from "./constructs/studio-user-pool.js";
import { TableWriteTrail } from "./constructs/table-write-trail.js";
import { documentedRoutes } from "./documented-routes.js";
import { projectPaths } from "./project-paths.js";
import {
  type OrganisationIssuer,
  organisationSignIn,
  type SignInIssuer,
} from "./sign-in-issuer.js";

export interface CodeRulesStackProps extends StackProps {
  /** The deployment (dev, staging, prod): names the API and tags every resource. */
  readonly stage: string;
  /**
   * How long the function trusts the active version before reading the pointer again: the most a
   * publish or rollback takes to reach every caller.
   * @default Duration.seconds(5)
   */
  readonly rulesCacheTtl?: Duration;
  /**
   * Stage-wide API throttling.
   * @default 50 requests per second, bursts of 100
   */
  readonly throttle?: Required<ThrottleSettings>;
  /**
   * Concurrent invocations reserved for (and capping) the function. The account must keep 100
   * unreserved, so small new accounts may need a lower number or a quota increase.
   * @default 20
   */
  readonly reservedConcurrency?: number;
  /**
   * How long function, access and seed logs are kept.
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: RetentionDays;
  /** @default a new topic with no subscription */
  readonly alarmNotifications?: AlarmNotifications;
  /**
   * A CloudTrail trail of every write to the rules table (data events), naming the real principal.
   * @default true for stage `prod`, false otherwise
   */
  readonly tableWriteTrail?: boolean;
  /**
   * How long each record kept outside the table (a log file of its write trail, an audit head) is
   * locked (S3 Object Lock, compliance mode) against deletion and overwrite, by anyone, the account
   * root included.
   * @default Duration.days(2190): six years, HIPAA's retention for required documentation
   */
  readonly recordLock?: Duration;
  /**
   * Who may assume the admin role, as which admins sign versions from the CLI: IAM role or user
   * ARNs, each named in the role's trust policy.
   * @default the account: any principal whose IAM policies allow sts:AssumeRole on the role
   */
  readonly adminPrincipals?: readonly string[];
  /**
   * Who signs people in to the studio: an organisation's own OpenID Connect issuer (Entra ID,
   * Okta), whose tokens the admin routes then accept instead.
   * @default a Cognito user pool the stack creates, with the groups rule-editors and rule-approvers
   */
  readonly organisationIssuer?: OrganisationIssuer;
  /**
   * How long a bulk audit's claims file and report are kept in their buckets before S3 deletes
   * them: long enough to read a report and act on it, short enough that copies of claims do not
   * pile up.
   * @default Duration.days(90)
   */
  readonly bulkAuditExpiry?: Duration;
}

/**
 * The code-rules service: rules table, selection function, admin function and studio sign-in,
 * HTTP API, first-deploy seed, alarms.
 */
export class CodeRulesStack extends Stack {
  readonly rulesTable: RulesTable;
  /** The function behind every caller route: it reads the rules and nothing else. */
  readonly selection: NodeFunction;
  /** The function behind every admin route and the studio page: it writes and signs. */
  readonly admin: AdminFunction;
  /** Who signs people in to the studio, and whose tokens the admin routes accept. */
  readonly signIn: SignInIssuer;
  /** The stack's own sign-in, unless the deploy names an organisation's issuer. */
  readonly userPool: StudioUserPool | undefined;
  readonly api: RulesApi;
  readonly seed: RulesSeed;
  readonly alarms: ServiceAlarms;
  readonly signingKey: SigningKey;
  /** Admins publish, roll back and revoke as this role from the CLI; the key lets it sign. */
  readonly adminRole: AdminRole;
  readonly writeTrail: TableWriteTrail | undefined;
  /** Where a copy of every audit head is kept, locked: what `audit --verify` checks the trail against. */
  readonly auditHeads: AuditHeadBucket;
  /** Whole claims files checked by a Step Functions Distributed Map. */
  readonly bulkAudit: BulkAudit;

  constructor(scope: Construct, id: string, props: CodeRulesStackProps) {
    super(scope, id, props);
    Tags.of(this).add("project", "code-rules");
    Tags.of(this).add("stage", props.stage);

    const logRetention = props.logRetention ?? RetentionDays.ONE_YEAR;
    const logs = new EncryptedLogs(this, "Logs", { retention: logRetention });
    const rulesCacheTtl = props.rulesCacheTtl ?? Duration.seconds(DEFAULT_CACHE_TTL_SECONDS);
    this.rulesTable = new RulesTable(this, "Rules");
    const { table, readerPolicy, adminPolicy } = this.rulesTable;
    // The admin policy is the admin role's and the admin function's: kms:Sign works for no other
    // holder (SigningKey).
    this.adminRole = new AdminRole(this, "Admin", {
      policy: adminPolicy,
      trustedPrincipals: props.adminPrincipals,
    });
    this.signingKey = new SigningKey(this, "Signing", { logs, signers: [this.adminRole.role] });
    adminPolicy.addStatements(this.signingKey.signStatement());
    this.auditHeads = new AuditHeadBucket(this, "AuditHeads", {
      lock: props.recordLock ?? DEFAULT_RECORD_LOCK,
    });
    this.auditHeads.grantKeeping(adminPolicy, table);
    this.writeTrail =
      (props.tableWriteTrail ?? props.stage === "prod")
        ? new TableWriteTrail(this, "WriteTrail", { table, logs, lock: props.recordLock })
        : undefined;

    this.selection = new NodeFunction(this, "Selection", {
      entry: projectPaths.apiHandler,
      description: "code-rules HTTP API: selects age-banded CPT codes from the active rule version",
      // Well above a request's worst case: two bounded DynamoDB reads and an in-memory selection.
      timeout: Duration.seconds(10),
      memorySize: 512,
      reservedConcurrentExecutions: props.reservedConcurrency ?? 20,
      environment: {
        [FUNCTION_ENV.tableName]: table.tableName,
        [FUNCTION_ENV.cacheTtlSeconds]: String(rulesCacheTtl.toSeconds()),
        [FUNCTION_ENV.signingPublicKey]: this.signingKey.publicKey,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
      logs,
      managedPolicies: [readerPolicy],
      filesBeside: [projectPaths.openApiDocument],
    });
    acknowledgeSynchronousFunction(this.selection.function);

    // The user pool's client returns to the API's own page, and the API trusts the client's
    // tokens: the URL is read once the API exists.
    const studioUrl = Lazy.string({ produce: () => this.api.studioUrl });
    ({ userPool: this.userPool, signIn: this.signIn } = this.studioSignIn(props, studioUrl));
    this.admin = new AdminFunction(this, "AdminFunction", {
      rulesTable: this.rulesTable,
      signingKey: this.signingKey,
      auditHeads: this.auditHeads,
      signIn: this.signIn,
      logs,
    });

    this.api = new RulesApi(this, "Api", {
      apiName: `code-rules-${props.stage}`,
      routes: documentedRoutes(projectPaths.openApiDocument),
      handlers: { caller: this.selection.function, admin: this.admin.function },
      signIn: this.signIn,
      studioPath: STUDIO_PATH,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      logs,
    });

    this.seed = new RulesSeed(this, "Seed", {
      rulesTable: this.rulesTable,
      rulesDir: projectPaths.rules,
      logs,
      signingKey: this.signingKey,
      adminRole: this.adminRole,
      auditHeads: this.auditHeads,
    });

    this.bulkAudit = new BulkAudit(this, "BulkAudit", {
      rulesTable: this.rulesTable,
      publicKey: this.signingKey.publicKey,
      rulesCacheTtl,
      logs,
      // Who read a claims file is kept as long as the stack's other logs.
      accessLogExpiry: Duration.days(logRetention),
      expiry: props.bulkAuditExpiry,
    });

    this.alarms = new ServiceAlarms(this, "Alarms", {
      api: this.api.api,
      function: this.selection.function,
      adminFunction: this.admin.function,
      notifications: props.alarmNotifications,
    });

    new CfnOutput(this, "ApiUrl", { value: this.api.url, description: "Base URL of the HTTP API" });
    new CfnOutput(this, "RulesTableName", {
      value: table.tableName,
      description: "The rules table: CODE_RULES_TABLE for the code-rules CLI",
    });
    new CfnOutput(this, "InvokePolicyArn", {
      value: this.api.invokePolicy.managedPolicyArn,
      description: "Attach to the roles of tools that call the API",
    });
    new CfnOutput(this, "AdminRoleArn", {
      value: this.adminRole.role.roleArn,
      description:
        "Admins assume it to publish, roll back and revoke rules with the CLI: with the admin function, the only principals the signing key lets sign",
    });
    new CfnOutput(this, "SigningKeyArn", {
      value: this.signingKey.key.keyArn,
      description: "The key admins sign with: CODE_RULES_SIGNING_KEY for the code-rules CLI",
    });
    new CfnOutput(this, "AuditHeadBucket", {
      value: this.auditHeads.bucket.bucketName,
      description:
        "Where audit heads are kept under Object Lock: CODE_RULES_AUDIT_ANCHOR=s3://<this> for the code-rules CLI",
    });
    new CfnOutput(this, "AlarmTopicArn", {
      value: this.alarms.topic.topicArn,
      description: "Where the alarms notify",
    });
    this.studioOutputs();
    this.bulkAuditOutputs();
  }

  private bulkAuditOutputs(): void {
    const { stateMachine, input, reports, startPolicy, filesPolicy } = this.bulkAudit;
    new CfnOutput(this, "BulkAuditStateMachineArn", {
      value: stateMachine.stateMachineArn,
      description: "Starts a bulk audit: aws stepfunctions start-execution --state-machine-arn",
    });
    new CfnOutput(this, "BulkAuditInputBucket", {
      value: input.bucket.bucketName,
      description: "Where a claims file (CSV with a header line) is put before its audit starts",
    });
    new CfnOutput(this, "BulkAuditReportBucket", {
      value: reports.bucket.bucketName,
      description: "Where each audit's report rows land, under reports/<map run id>/",
    });
    new CfnOutput(this, "StartBulkAuditPolicyArn", {
      value: startPolicy.managedPolicyArn,
      description: "Attach to whoever starts bulk audits: StartExecution on this machine only",
    });
    new CfnOutput(this, "BulkAuditFilesPolicyArn", {
      value: filesPolicy.managedPolicyArn,
      description: "Attach to whoever puts claims files in and reads the reports",
    });
  }

  /** The organisation's issuer when the deploy names one; otherwise a user pool of the stack's own. */
  private studioSignIn(
    props: CodeRulesStackProps,
    studioUrl: string,
  ): { userPool: StudioUserPool | undefined; signIn: SignInIssuer } {
    if (props.organisationIssuer) {
      return { userPool: undefined, signIn: organisationSignIn(props.organisationIssuer) };
    }
    const userPool = new StudioUserPool(this, "StudioUsers", {
      studioUrl,
      // Cognito's hosted domains are shared by every account in the region.
      domainPrefix: `code-rules-${props.stage}-${this.account}`,
    });
    return { userPool, signIn: userPool.signIn };
  }

  private studioOutputs(): void {
    new CfnOutput(this, "StudioUrl", {
      value: this.api.studioUrl,
      description: "The studio: coding managers sign in here to propose, review and publish rules",
    });
    new CfnOutput(this, "SignInIssuer", {
      value: this.signIn.issuer,
      description: "The OpenID Connect issuer whose tokens the admin routes accept",
    });
    if (!this.userPool) return;
    new CfnOutput(this, "UserPoolId", {
      value: this.userPool.userPool.userPoolId,
      description: `Add people here, each to ${ADMIN_GROUPS.editors} or ${ADMIN_GROUPS.approvers}`,
    });
    new CfnOutput(this, "UserPoolClientId", {
      value: this.userPool.client.userPoolClientId,
      description: "The studio's client: the audience of the tokens the admin routes accept",
    });
  }
}

/** Findings that do not apply to a function API Gateway calls synchronously. */
const acknowledgeSynchronousFunction = (fn: IFunction): void => {
  Validations.of(fn).acknowledge(
    {
      id: "HIPAA.Security-LambdaDLQ",
      reason:
        "Invoked synchronously by API Gateway: a failed request is answered with an error to its caller, there is no event to keep.",
    },
    {
      id: "HIPAA.Security-LambdaInsideVPC",
      reason:
        "Reaches only DynamoDB and CloudWatch Logs, through their public endpoints with IAM and TLS. A VPC with a DynamoDB gateway endpoint would let the table accept reads only from it (aws:SourceVpce); the stack does not add one because the function may only GetItem and Query reference data that is not PHI, and it verifies each version's signature before serving it.",
    },
  );
};
