import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RuleSet } from "../../core/rule-set.js";
import { validated } from "../core/support/rule-sets.js";
import { readShippedRules } from "../core/support/shipped-rules.js";
import { scratchFolder } from "../support/scratch.js";

/** The shipped rules, validated: what a version holds. */
export const shippedRuleSet = (): RuleSet => validated(readShippedRules());

/** A fresh folder for one test's files. */
export const scratch = (): string => scratchFolder("files");

/** Writes `text` to `name` in a fresh folder and returns the file's path. */
export const fileWith = (name: string, text: string): string => {
  const file = join(scratch(), name);
  writeFileSync(file, text);
  return file;
};
