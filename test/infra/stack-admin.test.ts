import type { Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_FUNCTION_ENV, ADMIN_GROUPS } from "../../admin/deploy/deploy-names.js";
import type { CodeRulesStack } from "../../infra/code-rules-stack.js";
import {
  actions,
  arnOf,
  covers,
  functionStatements,
  logicalId,
  ofType,
  type Resource,
  refTo,
  resource,
  roleIdOf,
  type Statement,
  stack,
  synthesizedOnce,
  template,
} from "./support/stack-template.js";
import { synthesize } from "./support/synth.js";

synthesizedOnce();

/** What writes the rules or signs: none for the selection function, each for the admin function. */
const WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:TransactWriteItems",
  "dynamodb:ConditionCheckItem",
  "kms:Sign",
];
const allowed = (statements: Statement[], action: string) =>
  statements.some(
    (statement) =>
      statement.Effect === "Allow" && actions(statement).some((pattern) => covers(pattern, action)),
  );
/** The principals the signing key's policy lets sign. */
const keySigners = () => {
  const policy = resource(stack.signingKey.key).Properties.KeyPolicy as {
    Statement: (Statement & { Sid?: string; Principal: { AWS: unknown[] } })[];
  };
  return policy.Statement.find((statement) => statement.Sid === "SignAsAdmin")?.Principal.AWS;
};
const roleArnOf = (fn: IConstruct) => ({ "Fn::GetAtt": [roleIdOf(fn), "Arn"] });

describe("the selection function's role", () => {
  it("may not write the rules table: no put, update, delete, batch or transactional write", () => {
    const statements = functionStatements(stack.selection.function);
    expect(statements.length).toBeGreaterThan(0);
    for (const action of WRITE_ACTIONS.filter((name) => name.startsWith("dynamodb:"))) {
      expect(allowed(statements, action), action).toBe(false);
    }
  });

  it("may not sign: no kms:Sign in its policies, and the key's policy does not name it", () => {
    expect(allowed(functionStatements(stack.selection.function), "kms:Sign")).toBe(false);
    expect(keySigners()).not.toContainEqual(roleArnOf(stack.selection.function));
  });
});

describe("the admin function's role", () => {
  it("may write the rules table and sign: the admin policy's rights", () => {
    const statements = functionStatements(stack.admin.function);
    // IAM has no TransactWriteItems action to allow: a transaction is authorized item by item.
    for (const action of WRITE_ACTIONS.filter((name) => name !== "dynamodb:TransactWriteItems")) {
      expect(allowed(statements, action), action).toBe(true);
    }
  });

  it("is a signer the key's policy names, beside the admin role", () => {
    const signers = [arnOf(stack.adminRole.role), roleArnOf(stack.admin.function)];
    expect(keySigners()).toHaveLength(signers.length);
    expect(keySigners()).toEqual(expect.arrayContaining(signers));
  });

  it("may keep audit heads: add and read them under its table's prefix, never delete one", () => {
    const statements = functionStatements(stack.admin.function);
    const heads = statements.find((statement) => actions(statement).includes("s3:PutObject"));
    expect(JSON.stringify(heads?.Resource)).toContain("/heads/*");
    expect(allowed(statements, "s3:DeleteObject")).toBe(false);
  });
});

describe("the admin function", () => {
  const properties = () => resource(stack.admin.function).Properties;

  it("runs admin/api/handler.ts on Node.js 24, arm64, within API Gateway's 30 s, with its own reserved concurrency", () => {
    expect(properties()).toMatchObject({
      Handler: "index.handler",
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Timeout: 29,
      MemorySize: 1024,
      ReservedConcurrentExecutions: 5,
    });
  });

  it("is told its table, key, public key, audit-head bucket and sign-in, and nothing else", () => {
    const { signIn } = stack;
    expect(properties().Environment).toEqual({
      Variables: {
        NODE_OPTIONS: "--enable-source-maps",
        [ADMIN_FUNCTION_ENV.tableName]: refTo(stack.rulesTable.table),
        [ADMIN_FUNCTION_ENV.signingKeyId]: arnOf(stack.signingKey.key),
        [ADMIN_FUNCTION_ENV.signingPublicKey]: {
          "Fn::GetAtt": [logicalId(stack.signingKey.node.findChild("PublicKey")), "PublicKey"],
        },
        [ADMIN_FUNCTION_ENV.auditHeadBucket]: refTo(stack.auditHeads.bucket),
        [ADMIN_FUNCTION_ENV.issuer]: stack.resolve(signIn.issuer),
        [ADMIN_FUNCTION_ENV.clientId]: refTo(requiredUserPool().client),
        [ADMIN_FUNCTION_ENV.groupsClaim]: "cognito:groups",
        [ADMIN_FUNCTION_ENV.signInOrigins]: stack.resolve(signIn.signInOrigins.join(" ")),
      },
    });
  });

  it("is created only once the admin policy is attached to its role: it never runs without its rights", () => {
    expect(resource(stack.admin.function).DependsOn).toContain(
      logicalId(stack.rulesTable.adminPolicy),
    );
  });
});

const requiredUserPool = () => {
  if (!stack.userPool) throw new Error("the default stack has no user pool");
  return stack.userPool;
};

describe("the studio's sign-in, by default", () => {
  const pool = () => resource(requiredUserPool().userPool);

  it("is a Cognito user pool people are added to: no self sign-up, kept when the stack goes", () => {
    expect(ofType("AWS::Cognito::UserPool")).toHaveLength(1);
    expect(pool()).toMatchObject({
      Properties: {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        DeletionProtection: "ACTIVE",
      },
      DeletionPolicy: "Retain",
    });
  });

  it("asks for a strong password and a one-time code from an app, with threat protection on", () => {
    expect(pool().Properties).toMatchObject({
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      MfaConfiguration: "ON",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      UserPoolTier: "PLUS",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
    });
  });

  it("has the two groups that give a role in the studio", () => {
    expect(
      ofType("AWS::Cognito::UserPoolGroup")
        .map((group) => group.Properties.GroupName)
        .sort(),
    ).toEqual([ADMIN_GROUPS.approvers, ADMIN_GROUPS.editors]);
  });

  it("gives the page a public client: the authorization code flow, no secret, openid and profile, back to the studio page", () => {
    const client = resource(requiredUserPool().client).Properties;
    const studioUrl = stack.resolve(stack.api.studioUrl);
    expect(client).toMatchObject({
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ["openid", "profile"],
      GenerateSecret: false,
      SupportedIdentityProviders: ["COGNITO"],
      CallbackURLs: [studioUrl],
      LogoutURLs: [studioUrl],
    });
    expect(JSON.stringify(studioUrl)).toContain("/studio");
  });

  it("signs in on a hosted domain named for the stage and the account, an origin the page may call", () => {
    expect(resource(requiredUserPool().domain).Properties.Domain).toEqual({
      "Fn::Join": ["", ["code-rules-test-", { Ref: "AWS::AccountId" }]],
    });
    const origins = JSON.stringify(stack.resolve(stack.signIn.signInOrigins));
    expect(origins).toContain("https://cognito-idp.");
    expect(origins).toContain(".amazoncognito.com");
  });

  it("is the issuer the admin routes trust, with the client as their audience", () => {
    const providerUrl = { "Fn::GetAtt": [logicalId(requiredUserPool().userPool), "ProviderURL"] };
    expect(stack.resolve(stack.signIn)).toMatchObject({
      issuer: { "Fn::Join": ["", ["https://", providerUrl]] },
      audience: refTo(requiredUserPool().client),
    });
  });

  it("is named in the outputs, with the studio's URL", () => {
    template.hasOutput("StudioUrl", { Value: stack.resolve(stack.api.studioUrl) });
    template.hasOutput("SignInIssuer", { Value: stack.resolve(stack.signIn.issuer) });
    template.hasOutput("UserPoolId", { Value: refTo(requiredUserPool().userPool) });
    template.hasOutput("UserPoolClientId", { Value: refTo(requiredUserPool().client) });
  });
});

describe("the studio's sign-in with an organisation's issuer", () => {
  const issuer = "https://login.microsoftonline.com/3f0e6c5a-tenant/v2.0";
  let other: { stack: CodeRulesStack; template: Template };
  beforeAll(() => {
    other = synthesize({
      props: {
        organisationIssuer: {
          issuer,
          audience: "0b8c3f5e-studio-client",
          groupsClaim: "roles",
          signInOrigins: ["https://login.example.org"],
        },
      },
    });
  });
  const resources = () => Object.values(other.template.toJSON().Resources) as Resource[];

  it("creates no user pool, client or hosted domain", () => {
    expect(other.stack.userPool).toBeUndefined();
    expect(resources().filter((candidate) => candidate.Type.startsWith("AWS::Cognito::"))).toEqual(
      [],
    );
  });

  it("has the admin routes trust that issuer, for the studio's client id", () => {
    other.template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      JwtConfiguration: { Issuer: issuer, Audience: ["0b8c3f5e-studio-client"] },
    });
  });

  it("tells the admin function the issuer, client, groups claim and the origins the page signs in at", () => {
    other.template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: {
        Variables: {
          [ADMIN_FUNCTION_ENV.issuer]: issuer,
          [ADMIN_FUNCTION_ENV.clientId]: "0b8c3f5e-studio-client",
          [ADMIN_FUNCTION_ENV.groupsClaim]: "roles",
          [ADMIN_FUNCTION_ENV.signInOrigins]:
            "https://login.microsoftonline.com https://login.example.org",
        },
      },
    });
  });

  it("names the issuer in the outputs, and no user pool", () => {
    const outputs = other.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.SignInIssuer?.Value).toBe(issuer);
    expect(outputs.StudioUrl).toBeDefined();
    expect(outputs.UserPoolId).toBeUndefined();
    expect(outputs.UserPoolClientId).toBeUndefined();
  });
});
