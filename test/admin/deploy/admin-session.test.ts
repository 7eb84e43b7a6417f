import type { STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { assumeAdminRole, SEED_SESSION_NAME } from "../../../admin/deploy/admin-session.js";
import { createDynamoClient } from "../../../store/dynamodb-client.js";

const ROLE = "arn:aws:iam::123456789012:role/code-rules-admin";
const CREDENTIALS = {
  AccessKeyId: "ASIAEXAMPLE",
  SecretAccessKey: "secret",
  SessionToken: "token",
  Expiration: new Date("2030-01-01T00:00:00Z"),
};

const refusal = (name: string) => Object.assign(new Error(`${name}: not yet`), { name });

/** An STS that answers each AssumeRole from `answers` in turn, and records what it was asked. */
const fakeSts = (...answers: (Error | typeof CREDENTIALS)[]) => {
  const asked: unknown[] = [];
  const sts = {
    send: async (command: { input: unknown }) => {
      asked.push(command.input);
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return { Credentials: answer };
    },
  } as unknown as Pick<STSClient, "send">;
  return { sts, asked };
};

describe("the seed's admin session", () => {
  it("assumes the admin role under the seed's session name, for STS's shortest session", async () => {
    const { sts, asked } = fakeSts(CREDENTIALS);
    expect(await assumeAdminRole(ROLE, { sts })).toEqual({
      accessKeyId: "ASIAEXAMPLE",
      secretAccessKey: "secret",
      sessionToken: "token",
      expiration: CREDENTIALS.Expiration,
    });
    expect(asked).toEqual([
      { RoleArn: ROLE, RoleSessionName: SEED_SESSION_NAME, DurationSeconds: 900 },
    ]);
  });

  it("asks again while IAM has not yet propagated the trust or the seed's access", async () => {
    const { sts, asked } = fakeSts(refusal("AccessDenied"), refusal("AccessDenied"), CREDENTIALS);
    await expect(assumeAdminRole(ROLE, { sts, waitMs: 1 })).resolves.toMatchObject({
      sessionToken: "token",
    });
    expect(asked).toHaveLength(3);
  });

  it("gives up after its attempts: once the stack has detached the seed's access, it stays refused", async () => {
    const { sts, asked } = fakeSts(...Array.from({ length: 5 }, () => refusal("AccessDenied")));
    await expect(assumeAdminRole(ROLE, { sts, attempts: 3, waitMs: 1 })).rejects.toThrow(
      /AccessDenied/,
    );
    expect(asked).toHaveLength(3);
  });

  it("does not retry any other failure", async () => {
    const { sts, asked } = fakeSts(refusal("RegionDisabledException"), CREDENTIALS);
    await expect(assumeAdminRole(ROLE, { sts, waitMs: 1 })).rejects.toThrow(/RegionDisabled/);
    expect(asked).toHaveLength(1);
  });

  it("reaches DynamoDB with the session token: the store's client passes the session's credentials whole", async () => {
    const { sts } = fakeSts(CREDENTIALS);
    const credentials = await assumeAdminRole(ROLE, { sts });
    const client = createDynamoClient({ region: "eu-west-1", credentials });
    await expect(client.config.credentials()).resolves.toMatchObject({
      accessKeyId: "ASIAEXAMPLE",
      sessionToken: "token",
    });
    client.destroy();
  });
});
