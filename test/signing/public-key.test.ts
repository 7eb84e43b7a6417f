import type { CdkCustomResourceEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import type { PublicKeyProperties } from "../../lambda/service-names.js";
import { createPublicKeyHandler } from "../../lambda/signing/public-key.js";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/abc";
const DER = new Uint8Array([0x30, 0x59, 0x00, 0xff, 0x80]);

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

  it.each(["Create", "Update"] as const)(
    "answers %s with the key's DER public key as base64, bytes intact",
    async (type) => {
      const response = await handler(event(type));
      expect(response).toEqual({ PhysicalResourceId: KEY, Data: { PublicKey: "MFkA/4A=" } });
      expect(Buffer.from(response.Data?.PublicKey as string, "base64")).toEqual(Buffer.from(DER));
    },
  );

  it("reads nothing on Delete", async () => {
    read.length = 0;
    expect(await handler(event("Delete"))).toEqual({ PhysicalResourceId: KEY });
    expect(read).toEqual([]);
  });
});
