import { fileURLToPath } from "node:url";
import { readRuleFiles } from "../../../rule-files/read-rule-files.js";

export const SHIPPED_RULES_DIR = fileURLToPath(new URL("../../../rules/", import.meta.url));

/** The rules/ folder merged into one candidate rule set, read as the CLI reads it. */
export const readShippedRules = (): unknown => {
  const read = readRuleFiles(SHIPPED_RULES_DIR);
  if (!read.ok) throw new Error(read.error);
  return read.value;
};
