import { describe, expect, it } from "vitest";
import {
  arnOf,
  logicalId,
  ofType,
  resource,
  stack,
  statementsOf,
  synthesizedOnce,
} from "./support/stack-template.js";

synthesizedOnce();

const bucketPolicy = () => {
  const bucketId = logicalId(stack.auditHeads.bucket);
  const [policy] = ofType("AWS::S3::BucketPolicy").filter(
    (candidate) =>
      JSON.stringify(candidate.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
  );
  if (!policy) throw new Error("the audit head bucket has no policy");
  return statementsOf(policy);
};

describe("the audit head bucket", () => {
  it("locks every head in compliance mode for six years by default, versioned and retained with the stack gone", () => {
    expect(resource(stack.auditHeads.bucket)).toMatchObject({
      Properties: {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: "Enabled",
          Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 2190 } },
        },
        VersioningConfiguration: { Status: "Enabled" },
      },
      DeletionPolicy: "Retain",
    });
  });

  it("refuses, to anyone, a write over an existing head and any delete or change of a lock", () => {
    const objects = { "Fn::Join": ["", [arnOf(stack.auditHeads.bucket), "/*"]] };
    expect(bucketPolicy()).toEqual(
      expect.arrayContaining([
        {
          Sid: "OnlyNewHeads",
          Effect: "Deny",
          Principal: { AWS: "*" },
          Action: "s3:PutObject",
          Resource: objects,
          Condition: { Null: { "s3:if-none-match": "true" } },
        },
        {
          Sid: "NoHeadDeleted",
          Effect: "Deny",
          Principal: { AWS: "*" },
          Action: [
            "s3:BypassGovernanceRetention",
            "s3:DeleteObject",
            "s3:DeleteObjectVersion",
            "s3:PutObjectLegalHold",
            "s3:PutObjectRetention",
          ],
          Resource: objects,
        },
      ]),
    );
  });

  it("is named to the seed, which keeps the first head as every publish does", () => {
    const seed = resource(stack.seed.function);
    expect(
      (seed.Properties.Environment as { Variables: Record<string, unknown> }).Variables
        .SEED_AUDIT_HEAD_BUCKET,
    ).toEqual({ Ref: logicalId(stack.auditHeads.bucket) });
  });

  it("is the admin policy's to add the table's heads to: adds and reads its heads, lists, and deletes none", () => {
    const bucketArn = arnOf(stack.auditHeads.bucket);
    const heads = [bucketArn, "/", { Ref: logicalId(stack.rulesTable.table) }, "/heads/*"];
    expect(statementsOf(resource(stack.rulesTable.adminPolicy)).slice(7)).toEqual([
      {
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject"],
        Resource: { "Fn::Join": ["", heads] },
      },
      { Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
    ]);
  });
});
