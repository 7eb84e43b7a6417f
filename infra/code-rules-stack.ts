import { CfnOutput, Duration, Stack, type StackProps, Tags, Validations } from "aws-cdk-lib";
import type { ThrottleSettings } from "aws-cdk-lib/aws-apigatewayv2";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import {
  DEFAULT_CACHE_TTL_SECONDS,
  FUNCTION_ENV,
  METRICS_NAMESPACE,
  SERVICE_NAME,
} from "../lambda/service-names.js";
import { AdminRole } from "./constructs/admin-role.js";
import { AuditHeadBucket } from "./constructs/audit-head-bucket.js";
import { EncryptedLogs } from "./constructs/encrypted-logs.js";
import { DEFAULT_RECORD_LOCK } from "./constructs/locked-bucket.js";
import { NodeFunction } from "./constructs/node-function.js";
import { documentedRoutes, RulesApi } from "./constructs/rules-api.js";
import { RulesSeed } from "./constructs/rules-seed.js";
import { RulesTable } from "./constructs/rules-table.js";
import { type AlarmNotifications, ServiceAlarms } from "./constructs/service-alarms.js";
import { SigningKey } from "./constructs/signing-key.js";
import { TableWriteTrail } from "./constructs/table-write-trail.js";
import { projectPaths } from "./project-paths.js";

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
   * Who may assume the admin role, the only principal that may sign versions: IAM role or user
   * ARNs, each named in the role's trust policy.
   * @default the account: any principal whose IAM policies allow sts:AssumeRole on the role
   */
  readonly adminPrincipals?: readonly string[];
}

/** The code-rules service: rules table, selection function, HTTP API, first-deploy seed, alarms. */
export class CodeRulesStack extends Stack {
  readonly rulesTable: RulesTable;
  /** The function behind every route. */
  readonly selection: NodeFunction;
  readonly api: RulesApi;
  readonly seed: RulesSeed;
  readonly alarms: ServiceAlarms;
  readonly signingKey: SigningKey;
  /** Publishes, rolls back and revokes: the only principal the signing key lets sign. */
  readonly adminRole: AdminRole;
  readonly writeTrail: TableWriteTrail | undefined;
  /** Where a copy of every audit head is kept, locked: what `audit --verify` checks the trail against. */
  readonly auditHeads: AuditHeadBucket;

  constructor(scope: Construct, id: string, props: CodeRulesStackProps) {
    super(scope, id, props);
    Tags.of(this).add("project", "code-rules");
    Tags.of(this).add("stage", props.stage);

    const logs = new EncryptedLogs(this, "Logs", {
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
    });
    this.rulesTable = new RulesTable(this, "Rules");
    const { table, readerPolicy, adminPolicy } = this.rulesTable;
    // The admin policy is the admin role's: kms:Sign works for no other holder (SigningKey).
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
        [FUNCTION_ENV.cacheTtlSeconds]: String(
          (props.rulesCacheTtl ?? Duration.seconds(DEFAULT_CACHE_TTL_SECONDS)).toSeconds(),
        ),
        [FUNCTION_ENV.signingPublicKey]: this.signingKey.publicKey,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
      logs,
      managedPolicies: [readerPolicy],
      filesBeside: [projectPaths.openApiDocument],
    });
    acknowledgeSynchronousFunction(this.selection.function);

    this.api = new RulesApi(this, "Api", {
      apiName: `code-rules-${props.stage}`,
      routes: documentedRoutes(projectPaths.openApiDocument),
      handler: this.selection.function,
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

    this.alarms = new ServiceAlarms(this, "Alarms", {
      api: this.api.api,
      function: this.selection.function,
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
        "Admins assume it to publish, roll back and revoke rules: the only principal the signing key lets sign",
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
