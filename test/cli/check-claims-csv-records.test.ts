import { CsvError, parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvRecords, MAX_RECORD_CHARS, UnreadableCsv } from "../../cli/claim-csv-records.js";

type Read = { records: [number, string[]][]; error?: [string, number] };

/** What csv-parse reads of the whole file, with the options check-claims read it with. */
const csvParse = (bytes: Buffer): Read => {
  const records: [number, string[]][] = [];
  try {
    parse(bytes, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], { lines }) => {
        records.push([lines, record]);
        return null;
      },
    });
    return { records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { records, error: [error.code, (error as CsvError & { lines: number }).lines] };
  }
};

/** What the hand-kept reader reads of the same bytes, fed in the chunks given. */
const handKept = (chunks: readonly Buffer[]): Read => {
  const records: [number, string[]][] = [];
  const reader = new CsvRecords((cells, line) => records.push([line, cells]));
  try {
    for (const chunk of chunks) reader.push(chunk);
    reader.end();
    return { records };
  } catch (error) {
    if (!(error instanceof UnreadableCsv)) throw error;
    return { records, error: [error.code, error.line] };
  }
};

/** The bytes cut at the given places, as a file is read in chunks. */
const cut = (bytes: Buffer, at: readonly number[]): Buffer[] => {
  const ends = [...new Set(at.map((share) => Math.floor(share * bytes.length)))].sort(
    (a, b) => a - b,
  );
  return [...ends, bytes.length].map((end, index) => bytes.subarray(ends[index - 1] ?? 0, end));
};

// Text made mostly of the characters CSV turns on: quotes, commas and every kind of line break.
const csvText = fc
  .array(fc.constantFrom("a", "bc", ",", ",", '"', '""', "\n", "\n", "\r\n", "\r", " ", "é", "="), {
    maxLength: 60,
  })
  .map((parts) => parts.join(""));
// Lines of cells as claims files have them, some quoted, with one kind of line break.
const claimLines = fc
  .tuple(
    fc.array(
      fc.array(fc.constantFrom("C1", "33951", "2026-11-24", "", "x y", '"q,1"', '"a""b"', '"\n"'), {
        maxLength: 5,
      }),
      { maxLength: 8 },
    ),
    fc.constantFrom("\n", "\r\n", "\r"),
  )
  .map(([rows, lineBreak]) => rows.map((cells) => cells.join(",")).join(lineBreak) + lineBreak);
const withBom = (text: string, bom: boolean) => Buffer.from(bom ? `\uFEFF${text}` : text, "utf8");

describe("the claims file's CSV records, read by hand", () => {
  it("are csv-parse's records and lines, and fail where csv-parse fails with its code and line", () => {
    fc.assert(
      fc.property(
        fc.oneof(csvText, claimLines),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        (text, bom, at) => {
          const bytes = withBom(text, bom);
          expect(handKept(cut(bytes, at))).toEqual(csvParse(bytes));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads a plain file with Windows line breaks, empty lines and a multi-byte letter cut in two", () => {
    const bytes = Buffer.from("a,b\r\n\r\nc,é\r\n,\r\nd,e", "utf8");
    const at = bytes.indexOf("é") + 1;
    expect(handKept([bytes.subarray(0, at), bytes.subarray(at)])).toEqual({
      records: [
        [1, ["a", "b"]],
        [3, ["c", "é"]],
        [4, ["", ""]],
        [5, ["d", "e"]],
      ],
    });
  });

  it("reads a UTF-16 file by its byte-order mark, as csv-parse does", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\nc,dé\n", "utf16le")]);
    expect(handKept(cut(bytes, [0.5]))).toEqual(csvParse(bytes));
    expect(handKept([bytes]).records).toEqual([
      [1, ["a", "b"]],
      [2, ["c", "dé"]],
    ]);
  });

  it("stops a quote left open at a record's longest, rather than holding the rest of the file", () => {
    const reader = new CsvRecords(() => undefined);
    reader.push(Buffer.from('claimId,plan\nC1,"x\n'));
    const pushAll = () => {
      for (let held = 0; held <= 2 * MAX_RECORD_CHARS; held += 1000)
        reader.push(Buffer.from(`${"x".repeat(999)}\n`));
    };
    expect(pushAll).toThrow(new UnreadableCsv("CSV_MAX_RECORD_SIZE", 2));
  });

  it("says csv-parse's own refusal of a quote in the middle of a cell, however long the wait for an even count", () => {
    const reader = new CsvRecords(() => undefined);
    reader.push(Buffer.from('claimId,plan\nC1,a"b\n'));
    const pushAll = () => {
      for (let held = 0; held <= 2 * MAX_RECORD_CHARS; held += 1000)
        reader.push(Buffer.from(`C2,${"x".repeat(995)}\n`));
    };
    expect(pushAll).toThrow(new UnreadableCsv("INVALID_OPENING_QUOTE", 2));
  });
});
