import { type App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks, HIPAASecurityChecks } from "cdk-nag";

/**
 * The rule packs every synth is checked against. A finding fails the synth until it is fixed or
 * acknowledged, with its reason, on the construct it concerns.
 */
export const addComplianceChecks = (app: App): void => {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
};
