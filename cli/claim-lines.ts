import type { ClaimLayout } from "../claims/claim-layout.js";

/*
 * What a reader of a claims file (CSV or NDJSON) hands on to the check, in the file's order.
 */

export interface ClaimLines {
  /** Where each column is, once, before the first line. */
  layout(layout: ClaimLayout): void;
  /** A line's cells, in the layout's order, and its line number in the file. */
  line(cells: readonly string[], line: number): void;
  /** A line that cannot be read at all (not JSON), and why: a report row of its own. */
  unreadable(line: number, reason: string): void;
}

/** A claims file's reader, fed the file's bytes in chunks; it throws where the file cannot be read. */
export interface ClaimReader {
  push(chunk: Buffer): void;
  end(): void;
}
