import { describe, expect, it } from "vitest";
import type { ClaimLayout } from "../../claims/claim-layout.js";
import { MAX_LINE_BYTES, NdjsonLines } from "../../cli/claim-ndjson-lines.js";

/** What the NDJSON reader hands on, in order, from bytes fed in the chunks given. */
const read = (chunks: readonly (string | Buffer)[]) => {
  const seen: unknown[] = [];
  let layout: ClaimLayout | undefined;
  const reader = new NdjsonLines({
    layout: (given) => {
      layout = given;
      seen.push(["layout", given.reportHeader.join(",")]);
    },
    line: (cells, line) => seen.push([line, cells.filter((cell) => cell !== "").join("|")]),
    unreadable: (line, reason) => seen.push([line, reason]),
  });
  for (const chunk of chunks) reader.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  reader.end();
  return { seen, layout };
};

describe("an NDJSON claims file, read", () => {
  it("reads each object's fields into the layout, numbers lines from 1, and reads values as CSV cells", () => {
    const { seen, layout } = read([
      '\uFEFF{"code":"33951","dateOfService":"2026-11-24","age":71,"ageUnit":"months","plan":"acme"}\r\n',
      '{"code":"33952","dateOfService":"2026-11-24","dateOfBirth":"2020-11-25","claimId":null,"plan":{"id":7}}',
    ]);
    expect(seen).toEqual([
      ["layout", "line,claimId,plan,code,consistent,expected,problemType,explanation"],
      [1, "33951|2026-11-24|71|months|acme"],
      [2, '33952|2026-11-24|2020-11-25|{"id":7}'],
    ]);
    expect(layout?.at.code).toBe(1);
  });

  it("holds lines that cannot be read until the first object gives the layout, then reports them in order", () => {
    const { seen } = read(["nope\n", "  \n", '{"code":"33951","x":1}\n', '{"code":[1]}\n', "7\n"]);
    expect(seen).toEqual([
      ["layout", "line,claimId,x,code,consistent,expected,problemType,explanation"],
      [1, "the line is not valid JSON"],
      [3, "33951|1"],
      [4, "code: must be a string or a number"],
      [5, "the line is not a JSON object"],
    ]);
  });

  it("reads a line cut across chunks, even inside a multi-byte letter", () => {
    const line = Buffer.from('{"code":"33951","plan":"Société"}\n');
    const at = line.indexOf("é") + 1;
    expect(read([line.subarray(0, at), line.subarray(at)]).seen).toEqual([
      ["layout", "line,claimId,plan,code,consistent,expected,problemType,explanation"],
      [1, "33951|Société"],
    ]);
  });

  it("reports a line too long to hold, skips to its end, and goes on", () => {
    const long = `{"code":"${"x".repeat(MAX_LINE_BYTES)}"}`;
    const { seen } = read([
      long.slice(0, MAX_LINE_BYTES / 2),
      long.slice(MAX_LINE_BYTES / 2),
      '\n{"code":"33951"}\n',
    ]);
    expect(seen).toEqual([
      ["layout", "line,claimId,code,consistent,expected,problemType,explanation"],
      [1, `the line is longer than ${MAX_LINE_BYTES} bytes`],
      [2, "33951"],
    ]);
  });

  it("gives no layout for a file with no line, which the command then calls empty", () => {
    expect(read(["", "\n  \n"]).layout).toBeUndefined();
  });
});
