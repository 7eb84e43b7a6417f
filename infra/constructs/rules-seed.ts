import { Duration, Stack, Validations } from "aws-cdk-lib";
import { type IRole, ManagedPolicy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import {
  AwsCustomResource,
  type AwsSdkCall,
  PhysicalResourceId,
} from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";
import { SEED_ENV, type SeedProperties } from "../../admin/deploy/deploy-names.js";
import { describeProblems } from "../../core/rule-problem.js";
import { readValidRuleSet } from "../../rule-files/read-rule-files.js";
import { projectPaths } from "../project-paths.js";
import type { AdminRole } from "./admin-role.js";
import type { AuditHeadBucket } from "./audit-head-bucket.js";
import {
  DEPLOY_TIME_FUNCTION_ACKNOWLEDGEMENTS,
  DeployTimeResource,
} from "./deploy-time-resource.js";
import type { EncryptedLogs } from "./encrypted-logs.js";
import { FunctionRole } from "./function-role.js";
import type { RulesTable } from "./rules-table.js";
import type { SigningKey } from "./signing-key.js";

/**
 * CloudFormation delivers the properties to the provider in an asynchronous Lambda invocation,
 * whose payload is capped at 256 KB; the shipped rules are about 20 KB.
 */
const MAX_RULE_SET_BYTES = 200 * 1024;

export interface RulesSeedProps {
  readonly rulesTable: RulesTable;
  /** The folder of rule files to seed, read as `code-rules publish <folder>` reads it. */
  readonly rulesDir: string;
  readonly logs: EncryptedLogs;
  /** The seed signs version 1 as every publish does. */
  readonly signingKey: SigningKey;
  /** The seed publishes as the admin role: a principal the signing key lets sign. */
  readonly adminRole: AdminRole;
  /** The seed keeps its audit head there, as every publish does. */
  readonly auditHeads: AuditHeadBucket;
}

/**
 * Publishes the shipped rules as version 1 on the stack's first deploy, so a new API answers at
 * once. The seed function (admin/deploy/seed-handler.ts) publishes through the CLI's own
 * RuleStore.publish and only onto a table with no active version; it never overwrites or deletes
 * rules.
 *
 * The rule set travels in the custom resource's properties, read from the files at synth time:
 * the template then shows exactly what a first deploy publishes, and the function stays the same
 * code whatever the rules. A later change to the files updates the resource, which the seed
 * ignores: from the first deploy on, rules change only by `code-rules publish`.
 *
 * **The seed's rights end with the first deploy.** Its own role may only write its logs. It
 * publishes as the admin role (a principal the signing key lets sign), which it may assume
 * through one managed policy, `AccessPolicy`, attached from the policy's side. The admin role's
 * trust admits the seed's role by a condition on the account, not by name, so the trust defers to
 * that policy (a same-account trust naming the role would be enough on its own). Once the seed has
 * run, a second custom resource, `EndAccess`, ordered after it, detaches `AccessPolicy` from the
 * seed's role through the IAM API: from then on the seed's role can neither write the table nor
 * sign. CloudFormation keeps the attachment in its template and does not put it back: it attaches
 * a policy again only when the policy is replaced, and then `EndAccess`, whose properties name the
 * policy, runs again and detaches it. CloudFormation resources cannot express "for the first deploy
 * only"; the two steps are the closest, and `cdk synth` shows both.
 */
export class RulesSeed extends Construct {
  /** The seed's own function. */
  readonly function: NodejsFunction;
  /** The seed's role: its logs, and nothing else once the first deploy is over. */
  readonly role: IRole;
  /** sts:AssumeRole on the admin role: the seed's only right besides its logs, for the first deploy. */
  readonly accessPolicy: ManagedPolicy;
  /** Detaches `accessPolicy` from the seed's role once the seed has run. */
  readonly endAccess: AwsCustomResource;

  constructor(scope: Construct, id: string, props: RulesSeedProps) {
    super(scope, id);
    const { table, adminPolicy } = props.rulesTable;
    const adminRole = props.adminRole.role;
    const properties: SeedProperties = { RuleSet: readRuleSetJson(props.rulesDir) };

    const seed = new DeployTimeResource(this, "Seed", {
      entry: projectPaths.seedHandler,
      description: "Publishes the shipped rules as version 1 when no version is active",
      resourceType: "Custom::CodeRulesSeed",
      properties: { ...properties },
      timeout: Duration.minutes(1),
      environment: {
        [SEED_ENV.tableName]: table.tableName,
        [SEED_ENV.signingKeyId]: props.signingKey.key.keyArn,
        [SEED_ENV.adminRoleArn]: adminRole.roleArn,
        [SEED_ENV.auditHeadBucket]: props.auditHeads.bucket.bucketName,
      },
      logs: props.logs,
    });
    this.function = seed.function;
    this.role = seed.role;

    this.accessPolicy = new ManagedPolicy(this, "AccessPolicy", {
      description:
        "Lets the code-rules seed publish version 1 as the admin role; detached after the first deploy",
      statements: [
        new PolicyStatement({ actions: ["sts:AssumeRole"], resources: [adminRole.roleArn] }),
      ],
      roles: [this.role],
    });
    props.adminRole.trustWhileGranted(this.role);
    // The seed runs once its access and the admin role's permissions are attached.
    seed.resource.node.addDependency(this.accessPolicy, adminPolicy);

    const detach: AwsSdkCall = {
      service: "IAM",
      action: "detachRolePolicy",
      parameters: { RoleName: this.role.roleName, PolicyArn: this.accessPolicy.managedPolicyArn },
      // Already detached is the state wanted.
      ignoreErrorCodesMatching: "NoSuchEntity.*",
      physicalResourceId: PhysicalResourceId.of("code-rules-seed-access-ended"),
    };
    const endAccessLogs = props.logs.createLogGroup(this, "EndAccessLogs");
    const endAccessRole = new FunctionRole(this, "EndAccessRole", {
      description: "Detaches the code-rules seed's access to the admin role after the first deploy",
      logGroup: endAccessLogs,
      statements: [
        new PolicyStatement({
          actions: ["iam:DetachRolePolicy"],
          resources: [this.role.roleArn],
          conditions: { ArnEquals: { "iam:PolicyARN": this.accessPolicy.managedPolicyArn } },
        }),
      ],
    });
    this.endAccess = new AwsCustomResource(this, "EndAccess", {
      resourceType: "Custom::CodeRulesEndSeedAccess",
      onCreate: detach,
      onUpdate: detach,
      role: endAccessRole.role,
      logGroup: endAccessLogs,
      // The runtime's own SDK: no download from npm at deploy time.
      installLatestAwsSdk: false,
      timeout: Duration.minutes(1),
    });
    this.endAccess.node.addDependency(seed.resource);
    // AwsCustomResource's function is one per stack, made at the stack's root.
    const endAccessFunction = Stack.of(this).node.findChild(
      `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, "")}`,
    );
    Validations.of(endAccessFunction).acknowledge(...DEPLOY_TIME_FUNCTION_ACKNOWLEDGEMENTS);
  }
}

/**
 * The rule files merged as the CLI merges them, refused at synth time if they do not validate, so
 * a broken rule set fails `cdk synth` instead of a deploy.
 */
const readRuleSetJson = (rulesDir: string): string => {
  const read = readValidRuleSet(rulesDir);
  if (!read.ok) {
    const refusal = read.error;
    if (refusal.kind === "unreadable")
      throw new Error(`cannot read the rules to seed: ${refusal.message}`);
    throw new Error(
      `the rules in ${rulesDir} do not validate:\n${describeProblems(refusal.problems)}`,
    );
  }
  // The files as read, not the validated value: the seed publishes exactly what the CLI would.
  const json = JSON.stringify(read.value.raw);
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_RULE_SET_BYTES) {
    throw new Error(
      `the rules in ${rulesDir} are ${bytes} bytes as JSON, over the ${MAX_RULE_SET_BYTES} a custom resource can carry; bundle them into the seed function instead`,
    );
  }
  return json;
};
