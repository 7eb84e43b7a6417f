import { StringDecoder } from "node:string_decoder";
import { CsvError, parse } from "csv-parse/sync";

/*
 * The records of a CSV file, fed in chunks, with the line each ends on: what csv-parse gives with
 * { bom: true, relax_column_count: true, skip_empty_lines: true }, record for record and line for
 * line, at several times its speed. A line with no quote and no stray line break (nearly every
 * line of a claims file) is split at its commas; any other record is handed to csv-parse itself,
 * so quoting, and every way of getting it wrong, reads exactly as csv-parse reads it.
 * test/cli/check-claims-csv-records.test.ts holds the two to the same records on generated files.
 */

/** Where a file stops being CSV: csv-parse's code for it, and the line. */
export class UnreadableCsv extends Error {
  constructor(
    readonly code: string,
    readonly line: number,
  ) {
    super(`not readable as CSV at line ${line} (${code})`);
  }
}

export type OnRecord = (cells: string[], line: number) => void;

/**
 * The longest record held while waiting for its end. A claim line is a few hundred bytes; a record
 * that runs on is a quote left open, which would otherwise hold the rest of the file.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

type Delimiter = "\n" | "\r\n" | "\r";

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const EMPTY = Buffer.alloc(0);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const NOT_PLAIN = /["\r\n]/;
const NOT_PLAIN_LF = /["\r]/;

/**
 * csv-parse's record delimiter: the first line break outside quotes ("\r\n", "\n" or a lone "\r"),
 * or undefined while none is seen. Outside quotes is after an even number of quotes.
 */
const discovered = (bytes: Buffer, end: boolean): Delimiter | undefined => {
  let quotes = 0;
  for (let at = 0; at < bytes.length; at += 1) {
    const byte = bytes[at];
    if (byte === QUOTE) quotes += 1;
    else if (quotes % 2 === 0 && byte === LF) return "\n";
    else if (quotes % 2 === 0 && byte === CR) {
      if (at + 1 < bytes.length) return bytes[at + 1] === LF ? "\r\n" : "\r";
      return end ? "\r" : undefined;
    }
  }
  return undefined;
};

const quotesIn = (text: string): number => {
  let count = 0;
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) count += 1;
  return count;
};

export class CsvRecords {
  /** Bytes after the last record delimiter, waiting for the rest of their line. */
  #pending: Buffer = EMPTY;
  #bomRead = false;
  /** A UTF-16 file (its byte-order mark says so), read as the UTF-8 it is turned into. */
  #utf16: StringDecoder | undefined;
  #delimiter: Delimiter | undefined;
  /** csv-parse's count of the lines before the next one. */
  #lines = 0;
  /** A record that is not plain, its lines with their delimiters, until its quotes close. */
  #held: string[] = [];
  #heldQuotes = 0;
  #heldChars = 0;

  constructor(private readonly onRecord: OnRecord) {}

  push(chunk: Buffer): void {
    const text = this.#utf16 ? Buffer.from(this.#utf16.write(chunk), "utf8") : chunk;
    this.#take(this.#pending.length > 0 ? Buffer.concat([this.#pending, text]) : text, false);
  }

  end(): void {
    const rest = this.#utf16 ? Buffer.from(this.#utf16.end(), "utf8") : EMPTY;
    this.#take(Buffer.concat([this.#pending, rest]), true);
    const last = this.#pending.toString("utf8");
    this.#pending = EMPTY;
    // The last line may end without a line break.
    if (last !== "") this.#line(last, "");
    if (this.#held.length > 0) this.#parseHeld();
  }

  #take(bytes: Buffer, end: boolean): void {
    let rest = bytes;
    if (!this.#bomRead) {
      // csv-parse looks for a byte-order mark once it has 3 bytes, or the whole file.
      if (rest.length < 3 && !end) {
        this.#hold(rest);
        return;
      }
      rest = this.#afterBom(rest);
    }
    this.#delimiter ??= discovered(rest, end);
    const delimiter = this.#delimiter;
    const last = delimiter === undefined ? -1 : rest.lastIndexOf(delimiter);
    if (delimiter === undefined || last < 0) {
      this.#hold(rest);
      return;
    }
    const text = rest.toString("utf8", 0, last);
    const lines = text.split(delimiter);
    // With no quote and no other line break in the whole piece, every line is a plain record.
    if (this.#held.length === 0 && delimiter === "\n" && !NOT_PLAIN_LF.test(text))
      for (const line of lines) this.#plain(line);
    else for (const line of lines) this.#line(line, delimiter);
    this.#hold(rest.subarray(last + delimiter.length));
  }

  #afterBom(bytes: Buffer): Buffer {
    this.#bomRead = true;
    if (bytes.subarray(0, 3).equals(UTF8_BOM)) return bytes.subarray(3);
    if (!bytes.subarray(0, 2).equals(UTF16LE_BOM)) return bytes;
    this.#utf16 = new StringDecoder("utf16le");
    return Buffer.from(this.#utf16.write(bytes.subarray(2)), "utf8");
  }

  #hold(bytes: Buffer): void {
    this.#pending = bytes;
    if (bytes.length + this.#heldChars > MAX_RECORD_CHARS) {
      this.#held.push(bytes.toString("utf8"));
      this.#tooLong();
    }
  }

  /** A line with no quote and no line break in it: its cells are what its commas part. */
  #plain(line: string): void {
    this.#lines += 1;
    if (line !== "") this.onRecord(line.split(","), this.#lines);
  }

  /** One line, and the delimiter it ended with: a record of its own, or part of one held. */
  #line(line: string, delimiter: string): void {
    if (this.#held.length === 0 && !NOT_PLAIN.test(line)) {
      this.#plain(line);
      return;
    }
    this.#held.push(line + delimiter);
    this.#heldQuotes += quotesIn(line);
    this.#heldChars += line.length;
    if (this.#heldQuotes % 2 === 0) this.#parseHeld();
    else if (this.#heldChars > MAX_RECORD_CHARS) this.#tooLong();
  }

  /**
   * The record held, read by csv-parse as it would have read it in the whole file: from a record
   * boundary, with the delimiter it found, its line numbers counted on from the lines before.
   */
  #parseHeld(): void {
    const text = this.#held.join("");
    const before = this.#lines;
    let lastLine: number | undefined;
    this.#held = [];
    this.#heldQuotes = 0;
    this.#heldChars = 0;
    try {
      parse(text, {
        relax_column_count: true,
        skip_empty_lines: true,
        ...(this.#delimiter ? { record_delimiter: this.#delimiter } : {}),
        on_record: (record: string[], { lines }) => {
          lastLine = lines;
          this.onRecord(record, before + lines);
          return null;
        },
      });
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const at = (error as CsvError & { lines?: number }).lines ?? 1;
      throw new UnreadableCsv(error.code, before + at);
    }
    // A record always comes of a held line (it has a quote or a line break in it).
    this.#lines = before + (lastLine ?? 1);
  }

  /**
   * A record held too long: csv-parse's own refusal where it has one in what is held (a quote in
   * the middle of a cell leaves the quotes uneven too), else this one.
   */
  #tooLong(): never {
    const line = this.#lines + 1;
    try {
      this.#parseHeld();
    } catch (error) {
      if (!(error instanceof UnreadableCsv) || error.code !== "CSV_QUOTE_NOT_CLOSED") throw error;
    }
    throw new UnreadableCsv("CSV_MAX_RECORD_SIZE", line);
  }
}
