import type { CfnElement } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import {
  actions,
  arnOf,
  byId,
  covers,
  functionStatements,
  type Json,
  logicalId,
  ofType,
  policiesOfRole,
  type Resource,
  refTo,
  resource,
  resources,
  roleIdOf,
  type Statement,
  stack,
  statementsOf,
  synthesizedOnce,
  template,
} from "./support/stack-template.js";
import { synthesize } from "./support/synth.js";

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
    expect(statementsOf(resource(stack.rulesTable.adminPolicy))[6]).toEqual({
      Effect: "Allow",
      Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
      Resource: arnOf(stack.signingKey.key),
    });
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

interface KeyStatement extends Statement {
  readonly Sid?: string;
  readonly Principal: unknown;
}

describe("the signing key's policy", () => {
  const keyStatements = () => statementsOfKey(resource(stack.signingKey.key));
  const signerArns = () => [
    arnOf(stack.adminRole.role),
    { "Fn::GetAtt": [roleIdOf(stack.admin.function), "Arn"] },
  ];
  const accountRoot = {
    "Fn::Join": [
      "",
      ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":root"],
    ],
  };
  const signing = (statement: Statement) =>
    actions(statement).some((action) => covers(action, "kms:Sign"));

  it("allows kms:Sign to the admin role and the admin function's role alone, by name", () => {
    const allowing = keyStatements().filter(
      (statement) => statement.Effect === "Allow" && signing(statement),
    );
    expect(allowing).toEqual([
      {
        Sid: "SignAsAdmin",
        Effect: "Allow",
        Principal: { AWS: expect.any(Array) },
        Action: "kms:Sign",
        Resource: "*",
      },
    ]);
    const [{ Principal }] = allowing as [KeyStatement];
    expect(inAnyOrder((Principal as { AWS: unknown[] }).AWS)).toEqual(inAnyOrder(signerArns()));
  });

  it("denies kms:Sign to every other principal, the root's IAM policies included", () => {
    const denial = keyStatements().find(({ Sid }) => Sid === "NoOtherPrincipalSigns");
    expect(denial).toEqual({
      Sid: "NoOtherPrincipalSigns",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:Sign",
      Resource: "*",
      Condition: { ArnNotEquals: { "aws:PrincipalArn": expect.any(Array) } },
    });
    const { ArnNotEquals } = (denial?.Condition ?? {}) as { ArnNotEquals?: Json };
    const excepted = ArnNotEquals?.["aws:PrincipalArn"] as unknown[] | undefined;
    expect(inAnyOrder(excepted ?? [])).toEqual(inAnyOrder(signerArns()));
  });

  it("lets the account administer the key, read its public key and describe it, but no statement lets it sign: no kms:* for the root", () => {
    const forRoot = keyStatements().filter(
      (statement) => JSON.stringify(statement.Principal) === JSON.stringify({ AWS: accountRoot }),
    );
    expect(forRoot).toHaveLength(1);
    const [administration] = forRoot;
    expect(administration?.Effect).toBe("Allow");
    for (const action of ["kms:Sign", "kms:Verify", "kms:CreateGrant", "kms:Decrypt"]) {
      expect(
        actions(administration as Statement).filter((pattern) => covers(pattern, action)),
      ).toEqual([]);
    }
    for (const action of ["kms:PutKeyPolicy", "kms:GetPublicKey", "kms:DescribeKey"]) {
      expect(actions(administration as Statement).some((pattern) => covers(pattern, action))).toBe(
        true,
      );
    }
  });

  it("has no other statement: nothing else allows anything to anyone", () => {
    expect(keyStatements().map((statement) => statement.Sid)).toEqual([
      "KeyAdministrationNotSigning",
      "SignAsAdmin",
      "NoOtherPrincipalSigns",
    ]);
  });
});

/** The CDK sorts a statement's principals: compare lists of them as sets. */
const inAnyOrder = (list: readonly unknown[]): string[] =>
  list.map((item) => JSON.stringify(item)).sort();

const statementsOfKey = (key: Resource): KeyStatement[] =>
  (key.Properties.KeyPolicy as { Statement: KeyStatement[] }).Statement;

describe("the admin role", () => {
  it("carries the admin policy, attached from the policy's side, as the admin function's role does", () => {
    expect(resource(stack.rulesTable.adminPolicy).Properties.Roles).toEqual([
      refTo(stack.adminRole.role),
      { Ref: roleIdOf(stack.admin.function) },
    ]);
  });

  it("is assumable by the account's principals its IAM policies allow, unless admins are named", () => {
    const trust = resource(stack.adminRole.role).Properties.AssumeRolePolicyDocument as {
      Statement: KeyStatement[];
    };
    expect(trust.Statement[0]).toMatchObject({
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Principal: { AWS: expect.anything() },
    });
    expect(trust.Statement[0]?.Condition).toBeUndefined();
  });

  it("trusts the named admins and no other principal of the account, the seed aside", () => {
    const alice = "arn:aws:iam::123456789012:role/alice";
    const bob = "arn:aws:iam::123456789012:user/bob";
    const named = synthesize({ props: { adminPrincipals: [alice, bob] } });
    const role = named.template.toJSON().Resources[
      named.stack.getLogicalId(named.stack.adminRole.role.node.defaultChild as CfnElement)
    ] as Resource;
    const trust = (role.Properties.AssumeRolePolicyDocument as { Statement: KeyStatement[] })
      .Statement;
    expect(trust[0]).toEqual({
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Principal: { AWS: [alice, bob] },
    });
    // Every other statement names the account only under a condition on one principal's ARN.
    for (const statement of trust.slice(1)) {
      expect(statement.Condition).toMatchObject({
        ArnEquals: { "aws:PrincipalArn": expect.anything() },
      });
    }
  });
});

describe("the seed's rights", () => {
  const seedRoleIdFromFunction = () => roleIdOf(stack.seed.function);
  const seedRole = () => byId(seedRoleIdFromFunction());
  const seedRoleArn = () => ({ "Fn::GetAtt": [seedRoleIdFromFunction(), "Arn"] });
  /** Every managed policy attached to the seed's role, from the role's side or the policy's. */
  const attachedAtDeploy = () => policiesOfRole(seedRoleIdFromFunction());

  /** What the end-access resource detaches, as its Create call says. */
  const endAccess = () => {
    const [end, ...others] = ofType("Custom::CodeRulesEndSeedAccess");
    expect(others).toEqual([]);
    if (!end) throw new Error("no end-access custom resource");
    return end;
  };
  const callOf = (end: Resource, phase: "Create" | "Update") => {
    const [, parts] = (end.Properties[phase] as { "Fn::Join": [string, unknown[]] })["Fn::Join"];
    // The tokens become placeholders, so the call's JSON parses and names them.
    const text = parts
      .map((part) => (typeof part === "string" ? part : `<${(part as { Ref: string }).Ref}>`))
      .join("");
    return JSON.parse(text) as {
      service: string;
      action: string;
      parameters: { RoleName: string; PolicyArn: string };
    };
  };

  const writesOrSigns = (statement: Statement) =>
    actions(statement).some(
      (action) =>
        covers(action, "kms:Sign") ||
        covers(action, "sts:AssumeRole") ||
        /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action) ||
        covers(action, "dynamodb:PutItem"),
    );

  it("are only its logs in the seed role's own list: no table write, no signing, no admin policy", () => {
    const own = (seedRole().Properties.ManagedPolicyArns as { Ref: string }[]).flatMap(({ Ref }) =>
      statementsOf(byId(Ref)),
    );
    expect(own.flatMap(actions).sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(seedRole().Properties.Policies).toBeUndefined();
  });

  it("come, during the deploy, from one policy that lets it assume the admin role and nothing else", () => {
    const extra = attachedAtDeploy().filter(
      (id) =>
        !(seedRole().Properties.ManagedPolicyArns as { Ref: string }[]).some(
          ({ Ref }) => Ref === id,
        ),
    );
    expect(extra).toEqual([logicalId(stack.seed.accessPolicy)]);
    expect(statementsOf(resource(stack.seed.accessPolicy))).toEqual([
      { Effect: "Allow", Action: "sts:AssumeRole", Resource: arnOf(stack.adminRole.role) },
    ]);
    expect(resource(stack.seed.function).Properties).toMatchObject({
      Environment: { Variables: { SEED_ADMIN_ROLE_ARN: arnOf(stack.adminRole.role) } },
    });
  });

  it("are detached, once the seed has run, by a custom resource that calls iam:DetachRolePolicy on create and update", () => {
    const end = endAccess();
    const seedId = logicalId(stack.seed.node.findChild("Seed").node.findChild("Resource"));
    expect(end.DependsOn).toContain(seedId);
    for (const phase of ["Create", "Update"] as const) {
      expect(callOf(end, phase)).toMatchObject({
        service: "IAM",
        action: "detachRolePolicy",
        parameters: {
          RoleName: `<${seedRoleIdFromFunction()}>`,
          PolicyArn: `<${logicalId(stack.seed.accessPolicy)}>`,
        },
      });
    }
    expect(end.Properties.Delete).toBeUndefined();
  });

  it("leave the seed's role, after the deploy, with no write or sign rights, and no way to the admin role", () => {
    const detached = callOf(endAccess(), "Create").parameters.PolicyArn.slice(1, -1);
    const afterDeploy = attachedAtDeploy().filter((id) => id !== detached);
    const statements = afterDeploy.flatMap((id) => statementsOf(byId(id)));
    expect(statements.filter(writesOrSigns)).toEqual([]);
    // No resource policy names the seed's role as a principal: the admin role's trust admits it
    // through the account (so only while its IAM policy allows it), and the key not at all.
    const naming = Object.entries(resources).filter(([, candidate]) => {
      const documents = [
        candidate.Properties.AssumeRolePolicyDocument,
        candidate.Properties.KeyPolicy,
      ];
      return documents.some((document) =>
        ((document as { Statement?: KeyStatement[] } | undefined)?.Statement ?? []).some(
          (statement) =>
            JSON.stringify(statement.Principal ?? {}).includes(seedRoleIdFromFunction()),
        ),
      );
    });
    expect(naming).toEqual([]);
    expect(JSON.stringify(resource(stack.signingKey.key).Properties.KeyPolicy)).not.toContain(
      seedRoleIdFromFunction(),
    );
  });

  it("let the end-access function detach that one policy from that one role, and nothing else", () => {
    const [functionId] = (
      endAccess().Properties.ServiceToken as { "Fn::GetAtt": [string, string] }
    )["Fn::GetAtt"];
    const [role] = (byId(functionId).Properties.Role as { "Fn::GetAtt": [string, string] })[
      "Fn::GetAtt"
    ];
    const granted = (byId(role).Properties.ManagedPolicyArns as { Ref: string }[])
      .flatMap(({ Ref }) => statementsOf(byId(Ref)))
      .filter((statement) => !actions(statement).some((action) => action.startsWith("logs:")));
    expect(granted).toEqual([
      {
        Effect: "Allow",
        Action: "iam:DetachRolePolicy",
        Resource: seedRoleArn(),
        Condition: { ArnEquals: { "iam:PolicyARN": refTo(stack.seed.accessPolicy) } },
      },
    ]);
  });
});
