import type { CfnElement } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { projectPaths } from "../../infra/project-paths.js";
import { readRuleFiles } from "../../rule-files/read-rule-files.js";
import {
  logicalId,
  ofType,
  refTo,
  resource,
  resources,
  stack,
  synthesizedOnce,
} from "./support/stack-template.js";
import { synthesize } from "./support/synth.js";

synthesizedOnce();

describe("the rules table", () => {
  it("keys on the pk and sk strings of store/table-schema.ts", () => {
    expect(resource(stack.rulesTable.table).Properties).toMatchObject({
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
      ],
    });
  });

  it("bills on demand and is encrypted at rest with KMS", () => {
    expect(resource(stack.rulesTable.table).Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      SSESpecification: { SSEEnabled: true, SSEType: "KMS" },
    });
  });

  it("keeps point-in-time recovery and deletion protection on", () => {
    expect(resource(stack.rulesTable.table).Properties.Replicas).toEqual([
      expect.objectContaining({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    ]);
  });

  it("is retained when the stack is deleted or the table replaced", () => {
    expect(resource(stack.rulesTable.table)).toMatchObject({
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
  });
});

describe("the table's write trail", () => {
  it("is off outside prod, and on for prod", () => {
    expect(ofType("AWS::CloudTrail::Trail")).toEqual([]);
    const prod = synthesize({ props: { stage: "prod" } });
    expect(prod.template.findResources("AWS::CloudTrail::Trail")).not.toEqual({});
  });

  it("records every write to the rules table, and nothing else, encrypted and validated", () => {
    const on = synthesize({ props: { tableWriteTrail: true } });
    const trails = Object.values(on.template.findResources("AWS::CloudTrail::Trail"));
    expect(trails).toHaveLength(1);
    expect(trails[0]?.Properties).toMatchObject({
      EnableLogFileValidation: true,
      IsMultiRegionTrail: false,
      KMSKeyId: expect.anything(),
      AdvancedEventSelectors: [
        {
          FieldSelectors: [
            { Field: "eventCategory", Equals: ["Data"] },
            { Field: "resources.type", Equals: ["AWS::DynamoDB::Table"] },
            {
              Field: "resources.ARN",
              Equals: [
                {
                  "Fn::GetAtt": [
                    on.stack.getLogicalId(
                      on.stack.rulesTable.table.node.defaultChild as CfnElement,
                    ),
                    "Arn",
                  ],
                },
              ],
            },
            { Field: "readOnly", Equals: ["false"] },
          ],
        },
      ],
    });
    expect(trails[0]?.Properties.EventSelectors).toBeUndefined();
  });
});

describe("the seed", () => {
  const seedResource = () => {
    const [seed, ...others] = ofType("Custom::CodeRulesSeed");
    expect(others).toEqual([]);
    if (!seed) throw new Error("no seed custom resource");
    return seed;
  };

  it("is a custom resource served by the CDK provider framework", () => {
    const [frameworkId] = (seedResource().Properties.ServiceToken as { "Fn::GetAtt": string[] })[
      "Fn::GetAtt"
    ];
    expect(resources[frameworkId ?? ""]?.Properties.Handler).toBe("framework.onEvent");
  });

  it("carries the rules/ folder as the CLI reads it, as one JSON string", () => {
    const shipped = readRuleFiles(projectPaths.rules);
    expect(shipped.ok).toBe(true);
    expect(JSON.parse(seedResource().Properties.RuleSet as string)).toEqual(
      shipped.ok && shipped.value,
    );
  });

  it("runs admin/deploy/seed-handler.ts on the rules table, as the admin role", () => {
    expect(resource(stack.seed.function).Properties).toMatchObject({
      Handler: "index.handler",
      Runtime: "nodejs24.x",
      Environment: {
        Variables: {
          SEED_RULES_TABLE_NAME: refTo(stack.rulesTable.table),
          SEED_ADMIN_ROLE_ARN: { "Fn::GetAtt": [logicalId(stack.adminRole.role), "Arn"] },
        },
      },
    });
  });
});
