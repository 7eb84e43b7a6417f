import { createServer, type IncomingMessage } from "node:http";
import { hostname, userInfo } from "node:os";
import { STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerIdentity } from "../../cli/caller-identity.js";

const ARN = "arn:aws:sts::123456789012:assumed-role/RulesAdmin/dana";
const requests: string[] = [];

// STS as far as GetCallerIdentity goes: the query protocol's form body in, its XML answer out.
const sts = createServer(async (request: IncomingMessage, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  requests.push(body);
  response.writeHead(200, { "content-type": "text/xml" });
  response.end(
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${ARN}</Arn><UserId>AROAEXAMPLE:dana</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>c0ffee00-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  );
});

let endpoint = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => sts.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(sts.address() as { port: number }).port}`;
});

afterAll(() => {
  sts.close();
});

const stsClient = () =>
  new STSClient({
    endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  });

describe("callerIdentity", () => {
  it("is the ARN that STS GetCallerIdentity gives for the credentials, on AWS", async () => {
    expect(await callerIdentity(stsClient(), {})).toBe(ARN);
    expect(requests.at(-1)).toContain("Action=GetCallerIdentity");
  });

  it("is the operating-system user on DynamoDB Local, without asking STS", async () => {
    const asked = requests.length;
    expect(
      await callerIdentity(stsClient(), { AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000" }),
    ).toBe(`os-user:${userInfo().username}@${hostname()}`);
    expect(requests).toHaveLength(asked);
  });

  it("is the name CODE_RULES_LOCAL_IDENTITY gives on DynamoDB Local, so a second admin can be played", async () => {
    const env = {
      AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000",
      CODE_RULES_LOCAL_IDENTITY: "sam",
    };
    expect(await callerIdentity(stsClient(), env)).toBe("local:sam");
    expect(
      await callerIdentity(stsClient(), {
        ...env,
        AWS_ENDPOINT_URL_DYNAMODB: "http://localhost:8000",
      }),
    ).toBe("local:sam");
  });

  it("asks STS when AWS's own endpoint is named: no variable makes the machine's user the identity", async () => {
    const env = { AWS_ENDPOINT_URL_DYNAMODB: "https://dynamodb.us-east-1.amazonaws.com" };
    expect(await callerIdentity(stsClient(), env)).toBe(ARN);
  });

  it.each([
    ["AWS itself", {}],
    [
      "an endpoint on another machine",
      { AWS_ENDPOINT_URL_DYNAMODB: "http://dynamo.internal:8000" },
    ],
  ])(
    "refuses CODE_RULES_LOCAL_IDENTITY against %s, where the credentials say who acts",
    async (_, env) => {
      const asked = requests.length;
      await expect(
        callerIdentity(stsClient(), { ...env, CODE_RULES_LOCAL_IDENTITY: "sam" }),
      ).rejects.toThrow(/CODE_RULES_LOCAL_IDENTITY names who acts on DynamoDB Local only/);
      expect(requests).toHaveLength(asked);
    },
  );

  it("refuses a local identity that is not a plain name", async () => {
    await expect(
      callerIdentity(stsClient(), {
        AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000",
        CODE_RULES_LOCAL_IDENTITY: "sam\u202e",
      }),
    ).rejects.toThrow(/must be a name of letters, digits/);
  });
});
