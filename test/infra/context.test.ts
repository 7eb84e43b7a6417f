import { App } from "aws-cdk-lib";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { describe, expect, it } from "vitest";
import { stackPropsFromContext } from "../../infra/context.js";

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
      env: undefined,
    });
  });

  it("read the write trail's lock in days", () => {
    expect(propsFrom({ "code-rules:recordLockDays": "400" }).recordLock?.toDays()).toBe(400);
    expect(() => propsFrom({ "code-rules:recordLockDays": "0" })).toThrow(
      /code-rules:recordLockDays/,
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
