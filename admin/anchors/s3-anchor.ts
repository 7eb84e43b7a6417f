import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { SignedHead } from "../../store/table-items.js";
import { type AuditAnchor, headText, keptHead, NotAHead } from "../audit-anchor.js";

/** Sequences are written counted down from here, so S3's ascending listing gives the newest first. */
const COUNTDOWN_FROM = 10 ** 13;
const KEY_DIGITS = 14;

/**
 * Heads kept in an S3 bucket under Object Lock (compliance mode), one object per head under the
 * table's name, each written only where its key is new (If-None-Match, which the bucket's policy
 * demands of every write): the admin role can add a head but neither overwrite nor delete one.
 */
export class S3Anchor implements AuditAnchor {
  readonly where: string;
  private readonly prefix: string;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    tableName: string,
  ) {
    this.prefix = `${tableName}/heads/`;
    this.where = `s3://${bucket}/${this.prefix}`;
  }

  async keep(head: SignedHead): Promise<void> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(head.sequence),
          Body: headText(head),
          ContentType: "application/json",
          IfNoneMatch: "*",
          // Object Lock takes a write only with a checksum of its body.
          ChecksumAlgorithm: "SHA256",
        }),
      );
    } catch (error) {
      // A head kept for this sequence already (an append tried again) stays as it is.
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412) return;
      throw error;
    }
  }

  async newest(): Promise<SignedHead | undefined> {
    const listed = await this.s3.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, MaxKeys: 1 }),
    );
    const key = listed.Contents?.[0]?.Key;
    if (key === undefined) return undefined;
    // Whoever may add a head may add any key: the one listed first must be a head's own key, and
    // hold the head of the sequence it names, or an older head put first would pass for the newest.
    const named = this.sequenceOf(key);
    const where = `s3://${this.bucket}/${key}`;
    if (named === undefined) throw new NotAHead(`${where} is not named as an audit head is`);
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const text = (await object.Body?.transformToString("utf8")) ?? "";
    let head: SignedHead;
    try {
      head = keptHead.parse(JSON.parse(text));
    } catch {
      throw new NotAHead(`${where} is not an audit head`);
    }
    if (head.sequence !== named)
      throw new NotAHead(`${where} holds the head of entry ${head.sequence}, not of ${named}`);
    return head;
  }

  /** The sequence a head's key names, or none for a key no head is written under. */
  private sequenceOf(key: string): number | undefined {
    const digits = key.slice(this.prefix.length).match(/^(\d{14})\.json$/)?.[1];
    return digits === undefined ? undefined : COUNTDOWN_FROM - Number(digits);
  }

  private keyOf(sequence: number): string {
    return `${this.prefix}${String(COUNTDOWN_FROM - sequence).padStart(KEY_DIGITS, "0")}.json`;
  }
}
