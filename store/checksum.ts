import { createHash } from "node:crypto";
import { canonical } from "../core/canonical.js";
import type { RuleSetContent } from "../core/rule-set.js";

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

const member =
  (name: string) =>
  (item: unknown): string =>
    String(typeof item === "object" && item !== null ? Reflect.get(item, name) : item);

/**
 * SHA-256 of a rule set's canonical JSON, procedures ordered by key and rules by id, so the order
 * of files and items never changes it. It takes content as stored, validated or not: the loader
 * checks what the table holds, fields that validation drops (a band's old `label`) included.
 */
export const ruleSetChecksum = (ruleSet: RuleSetContent): string => {
  const ordered = {
    procedures: [...ruleSet.procedures].sort(byKey(member("key"))),
    rules: [...ruleSet.rules].sort(byKey(member("id"))),
  };
  return createHash("sha256")
    .update(JSON.stringify(canonical(ordered)))
    .digest("hex");
};
