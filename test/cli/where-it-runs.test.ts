import { describe, expect, it } from "vitest";
import { onDynamoDbLocal } from "../../cli/where-it-runs.js";

describe("whether the CLI runs against DynamoDB Local", () => {
  it.each([
    ["an endpoint on this machine", { AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000" }, true],
    [
      "localhost, through the SDK's general variable",
      { AWS_ENDPOINT_URL: "http://localhost:8000" },
      true,
    ],
    ["no endpoint: AWS", {}, false],
    [
      "AWS's own endpoint named",
      { AWS_ENDPOINT_URL_DYNAMODB: "https://dynamodb.us-east-1.amazonaws.com" },
      false,
    ],
    [
      "an endpoint on another machine",
      { AWS_ENDPOINT_URL_DYNAMODB: "http://10.0.0.5:8000" },
      false,
    ],
    [
      "an endpoint on this machine with a KMS key named (a tunnel to AWS)",
      {
        AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000",
        CODE_RULES_SIGNING_KEY: "arn:aws:kms:k",
      },
      false,
    ],
    ["an endpoint that is not a URL", { AWS_ENDPOINT_URL_DYNAMODB: "127.0.0.1:8000" }, false],
  ])("is %s: %j → %s", (_, env, expected) => {
    expect(onDynamoDbLocal(env)).toBe(expected);
  });
});
