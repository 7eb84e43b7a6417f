import { appendFile, mkdir, open, readFile, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import type { SignedHead } from "../../store/table-items.js";
import { type AuditAnchor, headText, keptHead, NotAHead } from "../audit-anchor.js";

const NEWLINE = 0x0a;
/** More than any head's line: the tail that holds the last whole line's end. */
const TAIL_BYTES = 4_096;

const isMissing = (error: unknown): boolean =>
  error instanceof Error && "code" in error && error.code === "ENOENT";

/**
 * Heads kept in a file beside DynamoDB Local's data, one line of JSON each, only ever appended:
 * on one machine, what the S3 bucket under Object Lock is on AWS. A line that is not a head says
 * the file was edited, and reading it says so.
 */
export class FileAnchor implements AuditAnchor {
  constructor(readonly where: string) {}

  async keep(head: SignedHead): Promise<void> {
    await mkdir(dirname(this.where), { recursive: true });
    // A write cut short by a crash leaves a line without its newline: a head never kept, which
    // goes before the next is appended, so it never becomes a line of its own.
    const whole = await this.wholeLinesBytes();
    if (whole !== undefined) await truncate(this.where, whole);
    await appendFile(this.where, `${headText(head)}\n`, { mode: 0o600 });
  }

  /**
   * Where the file's whole lines end, when a torn line follows them; read from its tail only, so
   * keeping a head costs the same however many are kept. A head is far shorter than the tail read.
   */
  private async wholeLinesBytes(): Promise<number | undefined> {
    const file = await open(this.where, "r").catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (!file) return undefined;
    try {
      const { size } = await file.stat();
      const length = Math.min(size, TAIL_BYTES);
      const { buffer } = await file.read(Buffer.alloc(length), 0, length, size - length);
      if (length === 0 || buffer[length - 1] === NEWLINE) return undefined;
      return size - length + buffer.lastIndexOf(NEWLINE) + 1;
    } finally {
      await file.close();
    }
  }

  private text(): Promise<string> {
    return readFile(this.where, "utf8").catch((error: unknown) => {
      if (isMissing(error)) return "";
      throw error;
    });
  }

  async newest(): Promise<SignedHead | undefined> {
    const lines = (await this.text()).split("\n");
    // The last line has no newline only when a crash cut its write short: it was never kept.
    lines.pop();
    let newest: SignedHead | undefined;
    for (const [index, line] of lines.entries()) {
      if (line === "") continue;
      const head = this.parse(line, index + 1);
      if (!newest || head.sequence > newest.sequence) newest = head;
    }
    return newest;
  }

  private parse(line: string, number: number): SignedHead {
    try {
      return keptHead.parse(JSON.parse(line));
    } catch {
      throw new NotAHead(
        `${this.where}, line ${number}, is not an audit head: the file was edited`,
      );
    }
  }
}
