import type { CdkCustomResourceEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import type { PublicKeyProperties } from "../../../admin/deploy/deploy-names.js";
import { createPublicKeyHandler } from "../../../admin/deploy/public-key.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/abc";
const DER = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";

const event = (
  RequestType: "Create" | "Update" | "Delete",
): CdkCustomResourceEvent<PublicKeyProperties> =>
  ({
    RequestType,
    PhysicalResourceId: KEY,
    ResourceProperties: { ServiceToken: "token", KeyId: KEY },
  }) as unknown as CdkCustomResourceEvent<PublicKeyProperties>;

describe("the public-key custom resource", () => {
  const read: string[] = [];
  const handler = createPublicKeyHandler(async (keyId) => {
    read.push(keyId);
    return DER;
  });

  it.each(["Create", "Update"] as const)("answers %s with the key's public key", async (type) => {
    const response = await handler(event(type));
    expect(response).toEqual({ PhysicalResourceId: KEY, Data: { PublicKey: DER } });
  });

  it("reads nothing on Delete", async () => {
    read.length = 0;
    expect(await handler(event("Delete"))).toEqual({ PhysicalResourceId: KEY });
    expect(read).toEqual([]);
  });
});
