import { type ClaimLayout, isClaimColumn, ndjsonLayout } from "../claims/claim-layout.js";
import type { ClaimLines, ClaimReader } from "./claim-lines.js";

/*
 * An NDJSON claims file: one JSON object a line, its fields named as the CSV columns are. The
 * first object's fields that code-rules does not read are the report's carried columns, as a CSV
 * file's header says them. A line that is not a JSON object is a report row of its own.
 */

const LF = 0x0a;
const EMPTY = Buffer.alloc(0);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The longest line read; a longer one is reported as such, and skipped to its end. */
export const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Lines that cannot be read are held, until the first object gives the layout, up to this many;
 * past them, the file is taken to carry no columns.
 */
const HELD_BEFORE_LAYOUT = 1000;

type Fields = Readonly<Record<string, unknown>>;

/** A JSON value as a CSV cell would hold it; undefined for an object or an array. */
const cellOf = (value: unknown): string | undefined => {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
};

/** Where JSON.parse stopped, from its message, which itself may quote the line: never passed on. */
const whereJsonFails = (message: string): string => {
  const at = /at position (\d+)/.exec(message)?.[1];
  if (at !== undefined) return ` (at character ${Number(at) + 1})`;
  return message.startsWith("Unexpected end") ? " (it ends too soon)" : "";
};

/** The line as an object, or why it is not one. */
const objectOf = (text: string): Fields | string => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `the line is not valid JSON${whereJsonFails((error as Error).message)}`;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : "the line is not a JSON object";
};

export class NdjsonLines implements ClaimReader {
  #pending: Buffer = EMPTY;
  #bomRead = false;
  /** The line being skipped to its end, as too long. */
  #skipping = false;
  #lines = 0;
  #layout: ClaimLayout | undefined;
  #carried = new Map<string, number>();
  #held: { line: number; reason: string }[] = [];

  constructor(private readonly sink: ClaimLines) {}

  push(chunk: Buffer): void {
    let bytes = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    if (!this.#bomRead) {
      if (bytes.length < UTF8_BOM.length) {
        this.#pending = bytes;
        return;
      }
      this.#bomRead = true;
      if (bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3);
    }
    const last = bytes.lastIndexOf(LF);
    if (last < 0) {
      this.#keep(bytes);
      return;
    }
    const lines = bytes.toString("utf8", 0, last).split("\n");
    for (const line of lines) this.#line(line);
    this.#keep(bytes.subarray(last + 1));
  }

  end(): void {
    // A file too short to hold a byte-order mark holds none.
    const last = this.#pending.toString("utf8");
    this.#pending = EMPTY;
    if (last !== "") this.#line(last);
    // Lines that cannot be read still have their rows; a file with no line at all is empty.
    if (!this.#layout && this.#held.length > 0) this.#fixLayout([]);
  }

  /** The start of a line still to come, unless it is too long to keep. */
  #keep(bytes: Buffer): void {
    if (bytes.length <= MAX_LINE_BYTES) {
      this.#pending = bytes;
      return;
    }
    this.#pending = EMPTY;
    if (this.#skipping) return;
    this.#skipping = true;
    this.#unreadable(this.#lines + 1, `the line is longer than ${MAX_LINE_BYTES} bytes`);
  }

  #line(text: string): void {
    this.#lines += 1;
    if (this.#skipping) {
      this.#skipping = false;
      return;
    }
    if (text.trim() === "") return;
    const fields = objectOf(text);
    if (typeof fields === "string") {
      this.#unreadable(this.#lines, fields);
      return;
    }
    if (!this.#layout) this.#fixLayout(Object.keys(fields).filter((key) => !isClaimColumn(key)));
    const cells = this.#cellsOf(fields);
    if (typeof cells === "string") this.#unreadable(this.#lines, cells);
    else this.sink.line(cells, this.#lines);
  }

  /** The object's fields in the layout's order, or why they cannot be. */
  #cellsOf(fields: Fields): string[] | string {
    const layout = this.#layout as ClaimLayout;
    const cells: string[] = new Array<string>(layout.width).fill("");
    for (const [key, value] of Object.entries(fields)) {
      const at = isClaimColumn(key) ? layout.at[key] : this.#carried.get(key);
      if (at === undefined)
        return `the field ${JSON.stringify(key)} is not on the first line, whose fields are the report's columns`;
      const text = cellOf(value);
      if (text === undefined && isClaimColumn(key)) return `${key}: must be a string or a number`;
      cells[at] = text ?? JSON.stringify(value);
    }
    return cells;
  }

  #unreadable(line: number, reason: string): void {
    if (this.#layout) {
      this.sink.unreadable(line, reason);
      return;
    }
    this.#held.push({ line, reason });
    if (this.#held.length >= HELD_BEFORE_LAYOUT) this.#fixLayout([]);
  }

  #fixLayout(carried: readonly string[]): void {
    const layout = ndjsonLayout(carried);
    this.#layout = layout;
    layout.carried.forEach((at, index) => {
      this.#carried.set(carried[index] ?? "", at);
    });
    this.sink.layout(layout);
    for (const { line, reason } of this.#held) this.sink.unreadable(line, reason);
    this.#held = [];
  }
}
