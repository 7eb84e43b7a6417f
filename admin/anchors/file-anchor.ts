import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { SignedHead } from "../../store/table-items.js";
import { type AuditAnchor, headText, keptHead } from "../audit-anchor.js";

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
    await appendFile(this.where, `${headText(head)}\n`, { mode: 0o600 });
  }

  async newest(): Promise<SignedHead | undefined> {
    const text = await readFile(this.where, "utf8").catch((error: unknown) => {
      if (isMissing(error)) return "";
      throw error;
    });
    let newest: SignedHead | undefined;
    for (const [index, line] of text.split("\n").entries()) {
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
      throw new Error(`${this.where}, line ${number}, is not an audit head: the file was edited`);
    }
  }
}
