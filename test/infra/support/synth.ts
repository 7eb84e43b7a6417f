import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { CodeRulesStack, type CodeRulesStackProps } from "../../../infra/code-rules-stack.js";
import { addComplianceChecks } from "../../../infra/compliance.js";
import { projectPaths } from "../../../infra/project-paths.js";

/** cdk.json's context (feature flags included), so tests synthesize what `cdk synth` does. */
export const cdkContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(projectPaths.root, "cdk.json"), "utf8")).context;

export interface SynthOptions {
  readonly props?: Partial<CodeRulesStackProps>;
  /** Build the functions with esbuild (seconds); otherwise their assets are placeholders. */
  readonly bundling?: boolean;
  /** Check the synth as `cdk synth` does: the cdk-nag packs of infra/app.ts, and CloudFormation's schemas. */
  readonly compliance?: boolean;
}

export interface Built {
  readonly app: App;
  readonly stack: CodeRulesStack;
}

/** The app with the stack, not yet synthesized. */
export const buildApp = ({
  props,
  bundling = false,
  compliance = false,
}: SynthOptions = {}): Built => {
  const app = new App({
    // Checking the template against CloudFormation's schemas takes seconds; the compliance test
    // runs it, as `cdk synth` does, and the others assert on the template themselves.
    builtinCloudFormationValidation: compliance,
    context: {
      ...cdkContext(),
      // The CDK's own switch for "bundle no stack's assets".
      ...(bundling ? {} : { "aws:cdk:bundling-stacks": [] }),
    },
  });
  const stack = new CodeRulesStack(app, "code-rules-test", { stage: "test", ...props });
  if (compliance) addComplianceChecks(app);
  return { app, stack };
};

/** Synthesizes the stack once, in memory, into a temporary cloud assembly. */
export const synthesize = (options: SynthOptions = {}): Built & { readonly template: Template } => {
  const built = buildApp(options);
  return { ...built, template: Template.fromStack(built.stack) };
};
