import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileAnchor } from "../../../admin/anchors/file-anchor.js";
import { scratchFolder } from "../../support/scratch.js";

const head = (sequence: number) => ({
  sequence,
  hash: String(sequence).padStart(64, "0"),
  signature: `signature-${sequence}`,
});

const inScratch = () => join(scratchFolder("anchor"), "heads", "rules.jsonl");

describe("a file of audit heads beside DynamoDB Local's data", () => {
  it("has no newest head before the first is kept", async () => {
    expect(await new FileAnchor(inScratch()).newest()).toBeUndefined();
  });

  it("only appends, one line each, and answers the head with the highest sequence", async () => {
    const file = inScratch();
    const anchor = new FileAnchor(file);
    for (const sequence of [1, 3, 2]) await anchor.keep(head(sequence));
    expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(3);
    expect(await anchor.newest()).toEqual(head(3));
  });

  it("takes a last line a crash cut short for a head never kept, and keeps the next on a line of its own", async () => {
    const file = inScratch();
    const anchor = new FileAnchor(file);
    await anchor.keep(head(1));
    appendFileSync(file, '{"sequence": 2, "ha');
    expect(await anchor.newest()).toEqual(head(1));
    await anchor.keep(head(2));
    expect(await anchor.newest()).toEqual(head(2));
  });

  it("says a line that is not a head was written into it, naming the file and line", async () => {
    const file = inScratch();
    const anchor = new FileAnchor(file);
    await anchor.keep(head(1));
    appendFileSync(file, '{"sequence": 9, "hash": "short"}\n');
    await expect(anchor.newest()).rejects.toThrow(
      `${file}, line 2, is not an audit head: the file was edited`,
    );
  });
});
