import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { S3Anchor } from "../../../admin/anchors/s3-anchor.js";
import { NotAHead } from "../../../admin/audit-anchor.js";

const s3 = mockClient(S3Client);
const anchor = new S3Anchor(new S3Client({ region: "us-east-1" }), "audit-heads", "rules");
const head = { sequence: 7, hash: "a".repeat(64), signature: "c2lnbmVk" };

/** An object's body as the SDK hands it over: only the read this anchor makes. */
const body = (text: string) =>
  ({ transformToString: async () => text }) as unknown as GetObjectCommandOutput["Body"];

beforeEach(() => {
  s3.reset();
});

describe("audit heads in an S3 bucket under Object Lock", () => {
  it("writes each head once, under a key that lists newest first, with the checksum Object Lock needs", async () => {
    s3.on(PutObjectCommand).resolves({});
    await anchor.keep(head);
    await anchor.keep({ ...head, sequence: 8 });
    const [seven, eight] = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(seven).toMatchObject({
      Bucket: "audit-heads",
      Key: "rules/heads/09999999999993.json",
      IfNoneMatch: "*",
      ChecksumAlgorithm: "SHA256",
    });
    expect(JSON.parse(String(seven?.Body))).toEqual(head);
    // S3 lists keys in ascending order: the newer head comes first.
    expect(String(eight?.Key) < String(seven?.Key)).toBe(true);
  });

  it("leaves a head kept already for the same sequence as it is", async () => {
    s3.on(PutObjectCommand).rejects(
      new S3ServiceException({
        name: "PreconditionFailed",
        $fault: "client",
        $metadata: { httpStatusCode: 412 },
      }),
    );
    await expect(anchor.keep(head)).resolves.toBeUndefined();
  });

  it("passes on any other failure to write", async () => {
    s3.on(PutObjectCommand).rejects(new Error("AccessDenied"));
    await expect(anchor.keep(head)).rejects.toThrow("AccessDenied");
  });

  it("reads the newest head as the first key listed", async () => {
    s3.on(ListObjectsV2Command, { Prefix: "rules/heads/", MaxKeys: 1 }).resolves({
      Contents: [{ Key: "rules/heads/09999999999993.json" }],
    });
    s3.on(GetObjectCommand, { Key: "rules/heads/09999999999993.json" }).resolves({
      Body: body(JSON.stringify(head)),
    });
    expect(await anchor.newest()).toEqual(head);
  });

  it("has no newest head in an empty bucket, and refuses an object that is not a head", async () => {
    s3.on(ListObjectsV2Command).resolves({});
    expect(await anchor.newest()).toBeUndefined();
    s3.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: "rules/heads/09999999999993.json" }],
    });
    s3.on(GetObjectCommand).resolves({ Body: body('{"sequence": 7}') });
    await expect(anchor.newest()).rejects.toThrow(
      new NotAHead("s3://audit-heads/rules/heads/09999999999993.json is not an audit head"),
    );
  });

  it("refuses a key listed first that no head is written under: an older head put before the newest", async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: "rules/heads/0.json" }] });
    s3.on(GetObjectCommand).resolves({ Body: body(JSON.stringify(head)) });
    await expect(anchor.newest()).rejects.toThrow(
      new NotAHead("s3://audit-heads/rules/heads/0.json is not named as an audit head is"),
    );
  });

  it("refuses a head kept under another sequence's key", async () => {
    s3.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: "rules/heads/09999999999990.json" }],
    });
    s3.on(GetObjectCommand).resolves({ Body: body(JSON.stringify(head)) });
    await expect(anchor.newest()).rejects.toThrow(
      new NotAHead(
        "s3://audit-heads/rules/heads/09999999999990.json holds the head of entry 7, not of 10",
      ),
    );
  });
});
