import { createHash } from "node:crypto";
import type { RuleSetContent } from "../core/rule-set.js";

const member = (name: string, item: unknown): string =>
  String(typeof item === "object" && item !== null ? Reflect.get(item, name) : item);

/**
 * A sorted copy, by one member of each item, as `[...items].sort(comparing that member)` sorts:
 * undefined items last and never compared. Each key is read once, not once per comparison.
 */
const sortedBy = (items: readonly unknown[], name: string): unknown[] => {
  const present = [...items].filter((item) => item !== undefined);
  const absent = items.length - present.length;
  const sorted =
    present.length < 2
      ? present
      : present
          .map((item) => ({ key: member(name, item), item }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .map(({ item }) => item);
  return absent === 0 ? sorted : [...sorted, ...Array.from({ length: absent }, () => undefined)];
};

const inOrder = (keys: readonly string[]): boolean => {
  for (let index = 1; index < keys.length; index += 1)
    if ((keys[index - 1] as string) > (keys[index] as string)) return false;
  return true;
};

/**
 * canonical(), copying only what it must: JSON.stringify writes an array's items and a plain object's
 * own keys in their order, so a value whose keys are sorted and whose members are canonical already
 * is written as it is. Anything else is copied as canonical() copies it (keys sorted, undefined
 * members left out), setting members one by one rather than listing entries: on a version at the
 * limits, in about half the time.
 */
const canonicalCopy = (value: unknown): unknown => {
  if (typeof value !== "object" || value === null) return value;
  return Array.isArray(value) ? arrayCopy(value) : objectCopy(value as Record<string, unknown>);
};

// JSON.stringify calls a `toJSON` of what it writes, which canonical() would have copied away.
const mayWriteAsIs = (value: object, prototypes: readonly unknown[]): boolean =>
  prototypes.includes(Object.getPrototypeOf(value)) && !Object.hasOwn(value, "toJSON");

const arrayCopy = (items: readonly unknown[]): readonly unknown[] => {
  let copy = mayWriteAsIs(items, [Array.prototype]) ? undefined : new Array<unknown>(items.length);
  for (let index = 0; index < items.length; index += 1) {
    const item = canonicalCopy(items[index]);
    if (!copy && item !== items[index]) copy = items.slice(0, index);
    if (copy) copy[index] = item;
  }
  return copy ?? items;
};

const objectCopy = (record: Record<string, unknown>): object => {
  const keys = Object.keys(record);
  const sorted = inOrder(keys);
  if (!sorted) keys.sort();
  let copy = sorted && mayWriteAsIs(record, [Object.prototype, null]) ? undefined : {};
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const member = record[key];
    const canonicalMember = canonicalCopy(member);
    if (!copy && (member === undefined || canonicalMember !== member)) {
      // The members before this one are canonical already, and in order.
      copy = {};
      for (const before of keys.slice(0, index)) define(copy, before, record[before]);
    }
    if (copy && canonicalMember !== undefined) define(copy, key, canonicalMember);
  }
  return copy ?? record;
};

const define = (copy: Record<string, unknown>, key: string, member: unknown): void => {
  // Assigning `__proto__` would set the prototype; canonical() defines it as a key.
  if (key === "__proto__")
    Object.defineProperty(copy, key, {
      value: member,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else copy[key] = member;
};

/**
 * A rule set's canonical JSON, procedures ordered by key and rules by id, so the order of files and
 * items never changes it: the text its checksum is the hash of, and what the version's compressed
 * copy holds (store/content-chunks.ts).
 */
export const canonicalContent = (ruleSet: RuleSetContent): string =>
  JSON.stringify(
    canonicalCopy({
      procedures: sortedBy(ruleSet.procedures, "key"),
      rules: sortedBy(ruleSet.rules, "id"),
    }),
  );

/**
 * SHA-256 of a canonical text as read (a version's compressed copy holds one): the checksum of
 * the content parsed from it. Matching the signed checksum, the text is the canonical JSON signed,
 * byte for byte, so nothing needs writing out again to check it: on a version at the limits, a
 * sixth of the time.
 */
export const textChecksum = (text: Uint8Array | string): string =>
  createHash("sha256").update(text).digest("hex");

/**
 * SHA-256 of a rule set's canonical JSON. It takes content as stored, validated or not: the loader
 * checks what the table holds, fields that validation drops (a band's old `label`) included.
 */
export const ruleSetChecksum = (ruleSet: RuleSetContent): string =>
  textChecksum(canonicalContent(ruleSet));
