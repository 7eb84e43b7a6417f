import type { CfnElement } from "aws-cdk-lib";
import type { Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { beforeAll } from "vitest";
import type { CodeRulesStack } from "../../../infra/code-rules-stack.js";
import { synthesize } from "./synth.js";

export type Json = Record<string, unknown>;
export interface Resource {
  readonly Type: string;
  readonly Properties: Json;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: string[];
}
export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Json;
}

// Set by `synthesizedOnce` before the calling file's tests run; importers see them as they change.
export let stack: CodeRulesStack;
export let template: Template;
export let resources: Record<string, Resource>;

/** Synthesizes the stack with the default props once, before the calling test file's tests. */
export const synthesizedOnce = (): void => {
  beforeAll(() => {
    ({ stack, template } = synthesize());
    resources = template.toJSON().Resources;
  });
};

export const logicalId = (construct: IConstruct): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);
export const byId = (id: string): Resource => {
  const found = resources[id];
  if (!found) throw new Error(`${id} is not in the template`);
  return found;
};
export const resource = (construct: IConstruct): Resource => byId(logicalId(construct));
export const ofType = (type: string): Resource[] =>
  Object.values(resources).filter((candidate) => candidate.Type === type);
export const refTo = (construct: IConstruct) => ({ Ref: logicalId(construct) });
export const arnOf = (construct: IConstruct) => ({ "Fn::GetAtt": [logicalId(construct), "Arn"] });
export const statementsOf = (policy: Resource): Statement[] =>
  (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
export const actions = (statement: Statement): string[] => [statement.Action].flat();

/** The logical id of a function's execution role. */
export const roleIdOf = (fn: IConstruct): string =>
  (resource(fn).Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];

/** Every managed policy attached to a role, from the role's own list or the policy's `Roles`. */
export const policiesOfRole = (roleId: string): string[] => [
  ...((byId(roleId).Properties.ManagedPolicyArns ?? []) as { Ref: string }[]).map(({ Ref }) => Ref),
  ...Object.entries(resources)
    .filter(
      ([, candidate]) =>
        candidate.Type === "AWS::IAM::ManagedPolicy" &&
        ((candidate.Properties.Roles ?? []) as { Ref?: string }[]).some(
          ({ Ref }) => Ref === roleId,
        ),
    )
    .map(([id]) => id),
];

/** Every statement of every managed policy attached to a function's role, from either side. */
export const functionStatements = (fn: IConstruct): Statement[] =>
  policiesOfRole(roleIdOf(fn)).flatMap((id) => statementsOf(byId(id)));

/** Whether an IAM action pattern (`kms:Get*`, `kms:*`, `*`) covers an action. */
export const covers = (pattern: string, action: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(
    action,
  );
