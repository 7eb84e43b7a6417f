import { gunzipSync, gzipSync } from "node:zlib";
import { RULE_SET_LIMITS } from "../core/limits.js";
import type { RuleSetContent } from "../core/rule-set.js";
import { canonicalContent, textChecksum } from "./checksum.js";
import { CHUNK_BYTES, type ChunkItem, keys, type StoredContent } from "./table-items.js";

/**
 * The most a version's canonical content can be: the version limit counts its items' JSON, and the
 * canonical text adds the brackets and commas between them. Decompressing stops past it, so a
 * chunk rewritten to inflate without end costs the reader nothing.
 */
const MAX_CONTENT_BYTES = RULE_SET_LIMITS.versionBytes + 64 * 1024;

/**
 * The most chunks a version can have (gzip never grows incompressible text by more than a few
 * bytes per 64 KB): the reader reads no more than one past it, so chunks added by another hand
 * cost one item's read to detect.
 */
export const MAX_CHUNKS = Math.ceil((MAX_CONTENT_BYTES + 1024) / CHUNK_BYTES);

/**
 * A version's compressed copy: its canonical content gzipped, cut into CHUNK_BYTES parts. The
 * checksum is of the same text, so the copy is verified as the rows are: decoded, then checked.
 */
export const chunkItems = (version: number, content: RuleSetContent): ChunkItem[] => {
  const packed = gzipSync(canonicalContent(content));
  const parts = Math.max(1, Math.ceil(packed.length / CHUNK_BYTES));
  // Publish refuses content past the limits before it gets here; a copy the reader would refuse
  // must never be written.
  if (parts > MAX_CHUNKS)
    throw new Error(`the compressed copy needs ${parts} chunks, over the ${MAX_CHUNKS} read`);
  return Array.from({ length: parts }, (_, part) => ({
    pk: keys.content(version),
    sk: keys.chunk(part),
    kind: "chunk" as const,
    encoding: "gzip" as const,
    part,
    parts,
    data: packed.subarray(part * CHUNK_BYTES, (part + 1) * CHUNK_BYTES),
  }));
};

/** Why the chunks read are not one whole copy in order, or undefined when they are. */
const incomplete = (items: readonly Record<string, unknown>[]): string | undefined => {
  if (items.length > MAX_CHUNKS)
    return `it holds more than the ${MAX_CHUNKS} chunks any version has`;
  const [first] = items;
  const parts = first?.parts;
  if (typeof parts !== "number" || parts !== items.length)
    return `it holds ${items.length} chunk(s), its first says ${String(parts)}`;
  for (const [part, item] of items.entries()) {
    const shaped =
      item.kind === "chunk" &&
      item.encoding === "gzip" &&
      item.sk === keys.chunk(part) &&
      item.part === part &&
      item.parts === parts &&
      item.data instanceof Uint8Array;
    if (!shaped) return `chunk ${part} of ${parts} is not in the chunk format`;
  }
  return undefined;
};

const unreadable = (why: string): StoredContent => ({
  procedures: [],
  rules: [],
  unknownItems: 0,
  unreadable: `its compressed copy cannot be read: ${why}`,
});

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * A version's content from its chunks, as read in key order: unvalidated until checked, like the
 * rows (store/version-check.ts), and `unreadable` when the chunks do not decode to a rule set's
 * shape, which the check refuses as tampered.
 */
export const fromChunkItems = (items: readonly Record<string, unknown>[]): StoredContent => {
  const broken = incomplete(items);
  if (broken) return unreadable(broken);
  let parsed: unknown;
  let checksum: string;
  try {
    const packed = Buffer.concat(items.map((item) => item.data as Uint8Array));
    const text = gunzipSync(packed, { maxOutputLength: MAX_CONTENT_BYTES });
    checksum = textChecksum(text);
    parsed = JSON.parse(text.toString("utf8"));
  } catch (error) {
    return unreadable(message(error));
  }
  if (typeof parsed !== "object" || parsed === null) return unreadable("it is not a rule set");
  const { procedures, rules } = parsed as Record<string, unknown>;
  if (!Array.isArray(procedures) || !Array.isArray(rules))
    return unreadable("it is not a rule set");
  return { procedures, rules, unknownItems: 0, checksum };
};
