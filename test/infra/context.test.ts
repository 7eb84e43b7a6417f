import { spawnSync } from "node:child_process";
import { App } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { describe, expect, it } from "vitest";
import { stackPropsFromContext } from "../../infra/context.js";
import { projectPaths } from "../../infra/project-paths.js";
import { scratchFolder } from "../support/scratch.js";

const propsFrom = (context: Record<string, unknown>) =>
  stackPropsFromContext(new App({ context: { "code-rules:stage": "dev", ...context } }).node);

describe("stack props from the CDK context", () => {
  it("leave every unset key to the stack's defaults, and the stack environment-agnostic", () => {
    expect(propsFrom({})).toEqual({
      stage: "dev",
      rulesCacheTtl: undefined,
      throttle: undefined,
      reservedConcurrency: undefined,
      logRetention: undefined,
      alarmNotifications: undefined,
      tableWriteTrail: undefined,
      recordLock: undefined,
      adminPrincipals: undefined,
      organisationIssuer: undefined,
      env: undefined,
    });
  });

  it("read the write trail's lock in days", () => {
    expect(propsFrom({ "code-rules:recordLockDays": "400" }).recordLock?.toDays()).toBe(400);
    expect(() => propsFrom({ "code-rules:recordLockDays": "0" })).toThrow(
      /code-rules:recordLockDays/,
    );
  });

  it("read how many days a bulk audit's files are kept", () => {
    expect(propsFrom({ "code-rules:bulkAuditExpiryDays": "30" }).bulkAuditExpiry?.toDays()).toBe(
      30,
    );
    expect(propsFrom({}).bulkAuditExpiry).toBeUndefined();
    expect(() => propsFrom({ "code-rules:bulkAuditExpiryDays": "0" })).toThrow(
      /code-rules:bulkAuditExpiryDays/,
    );
  });

  const alice = "arn:aws:iam::123456789012:role/alice";
  const bob = "arn:aws:iam::123456789012:user/bob";

  it.each([
    ["a comma-separated string", `${alice}, ${bob}`],
    ["a list", [alice, bob]],
  ])("read the admin principals from %s", (_, given) => {
    expect(propsFrom({ "code-rules:adminPrincipals": given }).adminPrincipals).toEqual([
      alice,
      bob,
    ]);
  });

  it("leave the admin role to the account when no admin principal is given", () => {
    expect(propsFrom({ "code-rules:adminPrincipals": "" }).adminPrincipals).toBeUndefined();
  });

  it("refuse an admin principal that is not an IAM role or user ARN", () => {
    expect(() =>
      propsFrom({ "code-rules:adminPrincipals": `${alice},arn:aws:iam::123456789012:root` }),
    ).toThrow(/code-rules:adminPrincipals/);
  });

  const issuer = "https://login.microsoftonline.com/3f0e6c5a-tenant/v2.0";

  it("read an organisation's issuer for the studio, its groups claim and its sign-in origins", () => {
    expect(
      propsFrom({ "code-rules:oidcIssuer": issuer, "code-rules:oidcAudience": "studio-client" })
        .organisationIssuer,
    ).toEqual({
      issuer,
      audience: "studio-client",
      groupsClaim: undefined,
      signInOrigins: undefined,
    });
    expect(
      propsFrom({
        "code-rules:oidcIssuer": issuer,
        "code-rules:oidcAudience": "studio-client",
        "code-rules:oidcGroupsClaim": "roles",
        "code-rules:oidcSignInOrigins": "https://login.example.org, https://sso.example.org",
      }).organisationIssuer,
    ).toMatchObject({
      groupsClaim: "roles",
      signInOrigins: ["https://login.example.org", "https://sso.example.org"],
    });
  });

  it.each([
    [
      { "code-rules:oidcIssuer": "http://login.example.org", "code-rules:oidcAudience": "c" },
      /code-rules:oidcIssuer: must be an https URL/,
    ],
    [
      { "code-rules:oidcIssuer": "login.example.org", "code-rules:oidcAudience": "c" },
      /code-rules:oidcIssuer: must be an https URL/,
    ],
    [
      { "code-rules:oidcIssuer": issuer },
      /set code-rules:oidcIssuer and code-rules:oidcAudience together/,
    ],
    [
      { "code-rules:oidcIssuer": issuer, "code-rules:oidcAudience": "two words" },
      /code-rules:oidcAudience: must be the studio's client id/,
    ],
    [
      {
        "code-rules:oidcIssuer": issuer,
        "code-rules:oidcAudience": "c",
        "code-rules:oidcSignInOrigins": "https://login.example.org/path",
      },
      /code-rules:oidcSignInOrigins\.0: must be https origins with no path/,
    ],
    [
      { "code-rules:oidcGroupsClaim": "groups" },
      /apply to an organisation's issuer: set code-rules:oidcIssuer/,
    ],
  ])("refuse the organisation's issuer %j, saying why", (context, message) => {
    expect(() => propsFrom(context)).toThrow(message);
  });

  it("fail the synth itself on a bad value, naming the key", () => {
    const synth = spawnSync(process.execPath, ["--import", "tsx", "infra/app.ts"], {
      cwd: projectPaths.root,
      encoding: "utf8",
      env: {
        ...process.env,
        CDK_OUTDIR: scratchFolder("context-synth"),
        CDK_CONTEXT_JSON: JSON.stringify({
          "code-rules:stage": "dev",
          "code-rules:oidcIssuer": "http://login.example.org",
          "code-rules:oidcAudience": "studio-client",
        }),
      },
    });
    expect(synth.status).not.toBe(0);
    expect(synth.stderr).toContain("invalid code-rules context:");
    expect(synth.stderr).toMatch(/code-rules:oidcIssuer: must be an https URL/);
  });

  it.each([
    ["false", false],
    ["true", true],
    [false, false],
    [true, true],
  ])("read the table write trail flag %j", (given, wanted) => {
    expect(propsFrom({ "code-rules:tableWriteTrail": given }).tableWriteTrail).toBe(wanted);
  });

  it("refuse a table write trail flag that is not true or false", () => {
    expect(() => propsFrom({ "code-rules:tableWriteTrail": "yes" })).toThrow(
      /code-rules:tableWriteTrail/,
    );
  });

  it("read `cdk deploy -c key=value` strings as numbers", () => {
    const props = propsFrom({
      "code-rules:stage": "prod",
      "code-rules:rulesCacheTtlSeconds": "30",
      "code-rules:throttleRateLimit": "200",
      "code-rules:throttleBurstLimit": "400",
      "code-rules:reservedConcurrency": "50",
      "code-rules:logRetentionDays": "2557",
    });
    expect(props).toMatchObject({
      stage: "prod",
      throttle: { rateLimit: 200, burstLimit: 400 },
      reservedConcurrency: 50,
      logRetention: RetentionDays.SEVEN_YEARS,
    });
    expect(props.rulesCacheTtl?.toSeconds()).toBe(30);
  });

  it("send alarms to an email address or to an existing topic", () => {
    expect(propsFrom({ "code-rules:alarmEmail": "oncall@example.org" }).alarmNotifications).toEqual(
      {
        email: "oncall@example.org",
      },
    );
    const topicArn = "arn:aws:sns:eu-west-1:123456789012:oncall";
    expect(propsFrom({ "code-rules:alarmTopicArn": topicArn }).alarmNotifications).toEqual({
      topicArn,
    });
  });

  it("pin the account and region only when both are given", () => {
    expect(
      propsFrom({ "code-rules:account": "123456789012", "code-rules:region": "eu-west-1" }).env,
    ).toEqual({ account: "123456789012", region: "eu-west-1" });
    expect(() => propsFrom({ "code-rules:region": "eu-west-1" })).toThrow(/together/);
  });

  it.each([
    [{ "code-rules:stage": "Prod!" }, /code-rules:stage/],
    [{ "code-rules:rulesCacheTtlSeconds": "soon" }, /code-rules:rulesCacheTtlSeconds/],
    [{ "code-rules:logRetentionDays": "10" }, /code-rules:logRetentionDays/],
    [{ "code-rules:alarmEmail": "oncall" }, /code-rules:alarmEmail/],
    [{ "code-rules:throttleRateLimit": "10" }, /throttleBurstLimit together/],
    [
      { "code-rules:alarmEmail": "a@example.org", "code-rules:alarmTopicArn": "arn:aws:sns:x" },
      /not both/,
    ],
  ])("refuse %j, naming the key", (context, message) => {
    expect(() => propsFrom(context)).toThrow(message);
  });
});
