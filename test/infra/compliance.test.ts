import { App, Stack } from "aws-cdk-lib";
import { Topic } from "aws-cdk-lib/aws-sns";
import { AwsSolutionsChecks, HIPAASecurityChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import type { CodeRulesStackProps } from "../../infra/code-rules-stack.js";
import { addComplianceChecks } from "../../infra/compliance.js";
import { buildApp } from "./support/synth.js";

const organisationIssuer = {
  issuer: "https://login.microsoftonline.com/3f0e6c5a-tenant/v2.0",
  audience: "studio-client",
};

describe.each<[string, Partial<CodeRulesStackProps>]>([
  [
    "without the table's write trail, signing people in with its own user pool",
    { tableWriteTrail: false },
  ],
  ["with the table's write trail", { tableWriteTrail: true }],
  ["with an organisation's issuer instead of a user pool", { organisationIssuer }],
])("the stack %s, under the AWS Solutions and HIPAA Security packs", (_name, props) => {
  let app: App;
  beforeAll(() => {
    ({ app } = buildApp({ compliance: true, props }));
  });

  it("synthesizes: the packs find nothing left to fix or acknowledge", () => {
    expect(() => app.synth()).not.toThrow();
  });

  it("leaves no finding unacknowledged, warnings included", () => {
    for (const pack of [new AwsSolutionsChecks(app), new HIPAASecurityChecks(app)]) {
      const { violations } = pack.validateScope(app);
      expect(
        violations.map(({ ruleName, violatingResources }) => ({
          ruleName,
          at: violatingResources.map((resource) => resource.constructPath),
        })),
        pack.readPackName,
      ).toEqual([]);
    }
  });
});

describe("the compliance checks", () => {
  it("fail the synth on an unacknowledged finding", () => {
    const app = new App();
    new Topic(new Stack(app, "Unencrypted"), "Topic");
    addComplianceChecks(app);
    expect(() => app.synth()).toThrow(/HIPAA\.Security-SNSEncryptedKMS/);
  });
});
