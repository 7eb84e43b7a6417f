import { Duration } from "aws-cdk-lib";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { Construct } from "constructs";
import { SEED_ENV, type SeedProperties } from "../../admin/deploy/deploy-names.js";
import { describeProblems } from "../../core/rule-problem.js";
import { readValidRuleSet } from "../../rule-files/read-rule-files.js";
import { projectPaths } from "../project-paths.js";
import { DeployTimeResource } from "./deploy-time-resource.js";
import type { EncryptedLogs } from "./encrypted-logs.js";
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
}

/**
 * Publishes the shipped rules as version 1 on the stack's first deploy, so a new API answers at
 * once. The seed function (admin/deploy/seed-handler.ts) publishes through the CLI's own RuleStore.publish and only
 * onto a table with no active version; it never overwrites or deletes rules.
 *
 * The rule set travels in the custom resource's properties, read from the files at synth time:
 * the template then shows exactly what a first deploy publishes, and the function stays the same
 * code whatever the rules. A later change to the files updates the resource, which the seed
 * ignores: from the first deploy on, rules change only by `code-rules publish`.
 */
export class RulesSeed extends Construct {
  /** The seed's own function. */
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: RulesSeedProps) {
    super(scope, id);
    const { table, adminPolicy } = props.rulesTable;
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
      },
      logs: props.logs,
      // The seed publishes as an admin would, so it holds the admin policy rather than a copy of it.
      managedPolicies: [adminPolicy],
    });
    this.function = seed.function;
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
