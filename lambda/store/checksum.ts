import { createHash } from "node:crypto";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** JSON with sorted keys and no undefined members: the same content always gives the same text. */
export const canonical = (value: unknown): Json => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, member]) => member !== undefined)
        .sort(byKey(([key]) => key))
        .map(([key, member]) => [key, canonical(member)]),
    );
  }
  return value as Json;
};

interface Content {
  procedures: readonly unknown[];
  rules: readonly unknown[];
}

const member =
  (name: string) =>
  (item: unknown): string =>
    String(typeof item === "object" && item !== null ? Reflect.get(item, name) : item);

/**
 * SHA-256 of a rule set's canonical JSON, procedures ordered by key and rules by id, so the order
 * of files and items never changes it. It takes content as stored, validated or not: the loader
 * checks what the table holds, fields that validation drops (a band's old `label`) included.
 */
export const ruleSetChecksum = (ruleSet: Content): string => {
  const ordered = {
    procedures: [...ruleSet.procedures].sort(byKey(member("key"))),
    rules: [...ruleSet.rules].sort(byKey(member("id"))),
  };
  return createHash("sha256")
    .update(JSON.stringify(canonical(ordered)))
    .digest("hex");
};
