import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { canonicalContent, ruleSetChecksum } from "../../store/checksum.js";
import { chunkItems, fromChunkItems } from "../../store/content-chunks.js";
import { editableShippedRules } from "../support/rule-sets.js";

/** The version's copy as a hand with write access might store it: the text given, as one chunk. */
const copyOf = (text: string) =>
  chunkItems(1, { procedures: [], rules: [] }).map((item) => ({
    ...item,
    data: gzipSync(text),
  }));

describe("a version's compressed copy, read", () => {
  it("gives back the content, with the checksum of the text it was parsed from", () => {
    const content = editableShippedRules();
    const read = fromChunkItems(chunkItems(1, content));
    expect(read).toMatchObject({ unknownItems: 0, checksum: ruleSetChecksum(content) });
    expect(JSON.parse(canonicalContent(read))).toEqual(JSON.parse(canonicalContent(content)));
  });

  it("gives a text other than the canonical one its own checksum, though it parses to the same content", () => {
    const content = editableShippedRules();
    const reworded = JSON.stringify(JSON.parse(canonicalContent(content)), null, 1);
    const read = fromChunkItems(copyOf(reworded));
    expect(canonicalContent(read)).toBe(canonicalContent(content));
    expect(read.checksum).not.toBe(ruleSetChecksum(content));
  });

  it("says why a copy that does not decode to a rule set cannot be read, with no checksum", () => {
    expect(fromChunkItems(copyOf('{"procedures":[]}'))).toEqual({
      procedures: [],
      rules: [],
      unknownItems: 0,
      unreadable: "its compressed copy cannot be read: it is not a rule set",
    });
  });
});
