import { describe, expect, it } from "vitest";
import {
  actions,
  arnOf,
  functionStatements,
  type Json,
  logicalId,
  ofType,
  resource,
  resources,
  stack,
  statementsOf,
  synthesizedOnce,
  template,
} from "./support/stack-template.js";

synthesizedOnce();

describe("the admin policy", () => {
  const leadingKeys = (...partitions: string[]) => ({
    "ForAllValues:StringLike": { "dynamodb:LeadingKeys": partitions },
  });
  const onTable = (action: string[], condition?: Json) => ({
    Effect: "Allow",
    Action: action.length === 1 ? action[0] : action,
    Resource: arnOf(stack.rulesTable.table),
    ...(condition && { Condition: condition }),
  });

  it("reads the table, and writes each partition only with the actions publish, rollback, revoke, gc and change requests need", () => {
    expect(statementsOf(resource(stack.rulesTable.adminPolicy)).slice(0, 5)).toEqual([
      onTable(["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query"]),
      onTable(["dynamodb:BatchWriteItem", "dynamodb:DeleteItem"], leadingKeys("VERSION#*")),
      onTable(["dynamodb:PutItem"], leadingKeys("VERSIONS", "POINTER", "AUDIT", "REQUESTS")),
      onTable(["dynamodb:UpdateItem"], leadingKeys("VERSIONS", "POINTER", "REQUESTS")),
      onTable(["dynamodb:ConditionCheckItem"], leadingKeys("VERSIONS", "POINTER")),
    ]);
  });

  /** Every DynamoDB write action the admin policy allows on items of one partition. */
  const writesOn = (partition: string): string[] =>
    statementsOf(resource(stack.rulesTable.adminPolicy))
      .filter((statement) => JSON.stringify(statement.Condition ?? {}).includes(`"${partition}"`))
      .flatMap(actions)
      .sort();

  it("puts and updates change requests, and never deletes one", () => {
    expect(writesOn("REQUESTS")).toEqual(["dynamodb:PutItem", "dynamodb:UpdateItem"]);
  });

  it("deletes version content only: never metadata, the pointer, the audit trail or requests", () => {
    const deleting = statementsOf(resource(stack.rulesTable.adminPolicy)).filter((statement) =>
      actions(statement).some((action) => /Delete|BatchWrite/.test(action)),
    );
    expect(deleting).toHaveLength(1);
    expect(deleting[0]).toMatchObject({ Condition: leadingKeys("VERSION#*") });
  });

  it("raises metrics in the admin namespace only, for the break-glass alarm", () => {
    expect(statementsOf(resource(stack.rulesTable.adminPolicy))[5]).toEqual({
      Effect: "Allow",
      Action: "cloudwatch:PutMetricData",
      Resource: "*",
      Condition: { StringEquals: { "cloudwatch:namespace": "CodeRules/Admin" } },
    });
  });

  it("is the only policy in the stack that calls PutMetricData: the function's metrics go through its logs", () => {
    const putting = Object.entries(resources).filter(
      ([, candidate]) =>
        candidate.Type === "AWS::IAM::ManagedPolicy" &&
        statementsOf(candidate).some((statement) =>
          actions(statement).includes("cloudwatch:PutMetricData"),
        ),
    );
    expect(putting.map(([id]) => id)).toEqual([logicalId(stack.rulesTable.adminPolicy)]);
  });

  it("signs with the stack's signing key", () => {
    expect(statementsOf(resource(stack.rulesTable.adminPolicy)).slice(6)).toEqual([
      {
        Effect: "Allow",
        Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
        Resource: arnOf(stack.signingKey.key),
      },
    ]);
  });
});

describe("the signing key", () => {
  it("is an asymmetric P-256 key for signing and verifying, retained with the table", () => {
    expect(resource(stack.signingKey.key)).toMatchObject({
      Properties: { KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" },
      DeletionPolicy: "Retain",
    });
  });

  it("may sign only through the admin policy: no other policy in the stack grants kms:Sign", () => {
    const signing = Object.entries(resources).filter(
      ([, candidate]) =>
        candidate.Type === "AWS::IAM::ManagedPolicy" &&
        statementsOf(candidate).some((statement) => actions(statement).includes("kms:Sign")),
    );
    expect(signing.map(([id]) => id)).toEqual([logicalId(stack.rulesTable.adminPolicy)]);
  });

  it("gives its public key to the function through a custom resource that may only read it", () => {
    const [reader, ...others] = ofType("Custom::CodeRulesPublicKey");
    expect(others).toEqual([]);
    expect(reader?.Properties).toMatchObject({ KeyId: arnOf(stack.signingKey.key) });
    const handler = stack.signingKey.node.findChild("PublicKey").node.findChild("Handler");
    const granted = functionStatements(handler.node.findChild("Function")).filter(
      (statement) => !actions(statement).some((action) => action.startsWith("logs:")),
    );
    expect(granted).toEqual([
      { Effect: "Allow", Action: "kms:GetPublicKey", Resource: arnOf(stack.signingKey.key) },
    ]);
  });

  it("is named to admins, with the seed's signing key", () => {
    template.hasOutput("SigningKeyArn", { Value: arnOf(stack.signingKey.key) });
    expect(resource(stack.seed.function).Properties).toMatchObject({
      Environment: { Variables: { SEED_SIGNING_KEY_ID: arnOf(stack.signingKey.key) } },
    });
  });
});
