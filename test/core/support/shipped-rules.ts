import type { RuleSet } from "../../../core/rule-set.js";
import { type SelectionRequest, select } from "../../../core/select.js";
import { validateRuleSet } from "../../../core/validate.js";
import { LOCAL_DEFAULTS } from "../../../local/local-defaults.js";
import { readRuleFiles } from "../../../rule-files/read-rule-files.js";

/** The shipped rules folder, where npm start and the harness find it. */
export const SHIPPED_RULES_DIR = LOCAL_DEFAULTS.shippedRules;

let shippedRead: unknown;

/**
 * The rules/ folder merged into one candidate rule set, read as the CLI reads it: a fresh copy
 * each call, of what was read once per module. Parsing the folder's YAML took 55 to 210 ms a call,
 * and test helpers call this on nearly every test: it was a tenth of a full run's work.
 */
export const readShippedRules = (): unknown => {
  if (shippedRead === undefined) {
    const read = readRuleFiles(SHIPPED_RULES_DIR);
    if (!read.ok) throw new Error(read.error);
    shippedRead = read.value;
  }
  return structuredClone(shippedRead);
};

let validation: ReturnType<typeof validateRuleSet> | undefined;

/** The shipped rules through the validator, read once per test file. */
export const shippedValidation = (): ReturnType<typeof validateRuleSet> => {
  validation ??= validateRuleSet(readShippedRules());
  return validation;
};

export const shippedRules = (): RuleSet => {
  const validated = shippedValidation();
  if (!validated.ok) throw new Error("the shipped rules do not validate");
  return validated.value;
};

/** The code the shipped rules select, or the kind of refusal. */
export const codeFor = (request: SelectionRequest): string => {
  const result = select(shippedRules(), request);
  return result.ok ? result.value.code : result.error.kind;
};

export const born = (procedure: string, dateOfBirth: string, dateOfService: string): string =>
  codeFor({ procedure, dateOfBirth, dateOfService });
