import { type CfnElement, Duration } from "aws-cdk-lib";
import { beforeAll, describe, expect, it } from "vitest";
import type { Json, Resource } from "./support/stack-template.js";
import { synthesize } from "./support/synth.js";

interface PolicyStatement {
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string | string[];
  readonly Condition?: Record<string, Json>;
}

let resources: Record<string, Resource>;
let bucketId: string;
let trail: Resource;

const ofType = (type: string) => Object.values(resources).filter((found) => found.Type === type);
const cloudTrailStatements = (document: unknown): PolicyStatement[] =>
  (document as { Statement: PolicyStatement[] }).Statement.filter(
    (statement) =>
      JSON.stringify(statement.Principal) ===
      JSON.stringify({ Service: "cloudtrail.amazonaws.com" }),
  );
/** The ARN a policy names for the trail, with its intrinsic functions written out. */
const written = (value: unknown): string =>
  typeof value === "string"
    ? value
    : ((value as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1] ?? [])
        .map((part) => (typeof part === "string" ? part : `\${${(part as { Ref: string }).Ref}}`))
        .join("");

beforeAll(() => {
  const { stack, template } = synthesize({ props: { tableWriteTrail: true } });
  resources = template.toJSON().Resources;
  const writeTrail = stack.writeTrail;
  if (!writeTrail) throw new Error("no write trail");
  trail = resources[
    stack.getLogicalId(writeTrail.trail.node.defaultChild as CfnElement)
  ] as Resource;
  const bucketRef = trail.Properties.S3BucketName as { Ref: string };
  bucketId = bucketRef.Ref;
});

describe("the write trail's bucket", () => {
  it("locks every log file in compliance mode for six years by default: no one deletes or overwrites one, the root included", () => {
    expect(resources[bucketId]?.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: "Enabled",
        Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 2190 } },
      },
      VersioningConfiguration: { Status: "Enabled" },
    });
    expect(resources[bucketId]?.DeletionPolicy).toBe("Retain");
  });

  it("takes its lock from the stack's props", () => {
    const custom = synthesize({
      props: { tableWriteTrail: true, recordLock: Duration.days(400) },
    });
    const buckets = Object.values(custom.template.findResources("AWS::S3::Bucket"));
    expect(buckets.map((bucket) => bucket.Properties.ObjectLockConfiguration)).toContainEqual({
      ObjectLockEnabled: "Enabled",
      Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 400 } },
    });
  });

  it("admits CloudTrail only for this trail of this account: aws:SourceArn and aws:SourceAccount on each statement", () => {
    const [policy, ...others] = ofType("AWS::S3::BucketPolicy").filter(
      (candidate) =>
        JSON.stringify(candidate.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    );
    expect(others).toEqual([]);
    const statements = cloudTrailStatements(policy?.Properties.PolicyDocument);
    expect(statements.map((statement) => statement.Action).sort()).toEqual([
      "s3:GetBucketAcl",
      "s3:PutObject",
    ]);
    const trailArn = `arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/${trail.Properties.TrailName}`;
    for (const statement of statements) {
      expect(statement.Effect).toBe("Allow");
      const equals = statement.Condition?.StringEquals as Json;
      expect(written(equals["aws:SourceArn"])).toBe(trailArn);
      expect(equals["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
    }
  });

  it("is policed by CloudTrail's statements before the trail is made", () => {
    const policyId = Object.entries(resources).find(
      ([, candidate]) =>
        candidate.Type === "AWS::S3::BucketPolicy" &&
        JSON.stringify(candidate.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    )?.[0];
    expect(trail.DependsOn).toContain(policyId);
  });

  it("is written with the logs key, which admits CloudTrail for this trail of this account only", () => {
    const keys = ofType("AWS::KMS::Key").filter(
      (key) => cloudTrailStatements(key.Properties.KeyPolicy).length > 0,
    );
    expect(keys).toHaveLength(1);
    for (const statement of cloudTrailStatements(keys[0]?.Properties.KeyPolicy)) {
      const equals = statement.Condition?.StringEquals as Json;
      expect(written(equals["aws:SourceArn"])).toMatch(/:trail\/code-rules-test-table-writes$/);
      expect(equals["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
    }
  });
});
