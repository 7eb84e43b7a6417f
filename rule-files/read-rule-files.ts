import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { parseDocument } from "yaml";
import { err, ok, type Result } from "../lambda/core/result.js";
import type { RuleSet } from "../lambda/core/rule-set.js";
import { validateForPublish } from "../lambda/core/publish-checks.js";
import type { RuleProblem } from "../lambda/core/validate.js";

/**
 * The reading of rule files, in one place for every folder that reads them: the CLI, the stack's
 * first-deploy seed (at synth), the local server and the tests.
 */

/** A rule set as read from files, not yet validated. */
export interface RawRuleSet {
  procedures: unknown[];
  rules: unknown[];
}

const RULE_FILE_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/**
 * Reads a rule file (YAML or JSON) or a folder of them, merged in file-name order. Refuses with
 * one readable line naming the file (and line, for YAML) that could not be read.
 */
export const readRuleFiles = (path: string): Result<RawRuleSet, string> => {
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => RULE_FILE_EXTENSIONS.has(extname(name)))
          .sort()
          .map((name) => join(path, name))
      : [path];
  } catch {
    return err(`${path}: no such file or folder`);
  }
  if (files.length === 0) return err(`${path}: no .yaml, .yml or .json rule files in this folder`);
  const merged: RawRuleSet = { procedures: [], rules: [] };
  for (const file of files) {
    const content = readRuleFile(file);
    if (!content.ok) return content;
    merged.procedures.push(...content.value.procedures);
    merged.rules.push(...content.value.rules);
  }
  return ok(merged);
};

/** Why files did not give a rule set: they could not be read, or what they hold does not validate. */
export type RuleFilesRefusal =
  | { readonly kind: "unreadable"; readonly message: string }
  | { readonly kind: "invalid"; readonly problems: readonly RuleProblem[] };

/** The files as read (what a publish stores) and the rule set they validate to. */
export interface ValidRuleFiles {
  readonly raw: RawRuleSet;
  readonly ruleSet: RuleSet;
}

/** Reads rule files and checks them as a publish does, reporting every problem. */
export const readValidRuleSet = (path: string): Result<ValidRuleFiles, RuleFilesRefusal> => {
  const read = readRuleFiles(path);
  if (!read.ok) return err({ kind: "unreadable", message: read.error });
  const validated = validateForPublish(read.value);
  if (!validated.ok) return err({ kind: "invalid", problems: validated.error });
  return ok({ raw: read.value, ruleSet: validated.value });
};

const readRuleFile = (file: string): Result<RawRuleSet, string> => {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return err(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const parsed = extname(file) === ".json" ? parseJson(file, text) : parseYaml(file, text);
  if (!parsed.ok) return parsed;
  const { procedures = [], rules = [] } = (parsed.value ?? {}) as Partial<RawRuleSet>;
  if (typeof parsed.value !== "object" || !Array.isArray(procedures) || !Array.isArray(rules)) {
    return err(`${file}: expected a mapping with \`procedures\` and \`rules\` lists`);
  }
  return ok({ procedures, rules });
};

const parseJson = (file: string, text: string): Result<unknown, string> => {
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return err(`${file}: not valid JSON (${(error as Error).message})`);
  }
};

const parseYaml = (file: string, text: string): Result<unknown, string> => {
  const document = parseDocument(text);
  const [first] = document.errors;
  if (first) {
    const line = first.linePos?.[0]?.line;
    return err(
      `${file}${line ? `:${line}` : ""}: not valid YAML (${first.message.split(" at line")[0]})`,
    );
  }
  return ok(document.toJS());
};
