import type { SignedHead } from "../../store/table-items.js";
import type { AuditAnchor } from "../audit-anchor.js";

/**
 * Heads kept in this process: beside a table that lives only as long as the process does (an
 * in-memory DynamoDB Local, as the test harness runs it), where a copy on disk would outlive it.
 */
export class MemoryAnchor implements AuditAnchor {
  readonly where = "this process's memory";
  private readonly heads = new Map<number, SignedHead>();

  async keep(head: SignedHead): Promise<void> {
    if (!this.heads.has(head.sequence)) this.heads.set(head.sequence, head);
  }

  async newest(): Promise<SignedHead | undefined> {
    return [...this.heads.values()].sort((a, b) => b.sequence - a.sequence)[0];
  }
}
