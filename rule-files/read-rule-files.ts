import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { issueField } from "../core/issue-message.js";
import { validateForPublish } from "../core/publish-checks.js";
import { err, ok, type Result } from "../core/result.js";
import type { RuleProblem } from "../core/rule-problem.js";
import type { RuleSet, RuleSetContent } from "../core/rule-set.js";
import { parseJsonRuleText, parseYamlRuleText } from "./parse-rule-text.js";
import type { ReadRuleFiles } from "./read-rule-files-result.js";
import { readRuleCsv } from "./rule-csv.js";
import { ruleFileShape } from "./rule-file-schema.js";

/**
 * The reading of rule files, in one place for every folder that reads them: the CLI, the stack's
 * first-deploy seed (at synth), the local server and the tests.
 */

export const RULE_FILE_EXTENSIONS = new Set([".yaml", ".yml", ".json", ".csv"]);

/**
 * Reads a rule file (YAML, JSON or CSV) or a folder of them, merged in file-name order. Refuses
 * with one readable line naming the file (and line, for YAML; row and column, for CSV) that could
 * not be read.
 */
export const readRuleFiles = (path: string): Result<RuleSetContent, string> => {
  const read = readRuleFilesWithBase(path);
  return read.ok ? ok(read.value.content) : read;
};

/**
 * Reads rule files as {@link readRuleFiles} does, with the version they were exported from. The
 * files of a folder that name one must name the same one: a folder is one export.
 */
export const readRuleFilesWithBase = (path: string): Result<ReadRuleFiles, string> => {
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
  if (files.length === 0)
    return err(`${path}: no .yaml, .yml, .json or .csv rule files in this folder`);
  const merged = { procedures: [] as unknown[], rules: [] as unknown[] };
  const cases: unknown[] = [];
  let base: { file: string; version: number } | undefined;
  for (const file of files) {
    const read = readRuleFile(file);
    if (!read.ok) return read;
    merged.procedures.push(...read.value.content.procedures);
    merged.rules.push(...read.value.content.rules);
    cases.push(...(read.value.cases ?? []));
    const { baseVersion } = read.value;
    if (baseVersion === undefined) continue;
    if (base && base.version !== baseVersion)
      return err(
        `${file}: baseVersion ${baseVersion} disagrees with ${base.file}, whose baseVersion is ${base.version}; the files of a folder come from one export`,
      );
    base ??= { file, version: baseVersion };
  }
  return ok({ content: merged, baseVersion: base?.version, cases });
};

/** The golden cases of a rule file or folder: each file's `cases` list, beside its rules. */
export const readGoldenCases = (path: string): Result<readonly unknown[], string> => {
  const read = readRuleFilesWithBase(path);
  return read.ok ? ok(read.value.cases ?? []) : read;
};

/** Why files did not give a rule set: they could not be read, or what they hold does not validate. */
type RuleFilesRefusal =
  | { readonly kind: "unreadable"; readonly message: string }
  | { readonly kind: "invalid"; readonly problems: readonly RuleProblem[] };

/** The files as read (what a publish stores), and the rule set they validate to. */
export interface ValidRuleFiles {
  readonly raw: RuleSetContent;
  readonly ruleSet: RuleSet;
}

/** Reads rule files and checks them as a publish does, reporting every problem. */
export const readValidRuleSet = (path: string): Result<ValidRuleFiles, RuleFilesRefusal> => {
  const read = readRuleFilesWithBase(path);
  if (!read.ok) return err({ kind: "unreadable", message: read.error });
  const { content } = read.value;
  const validated = validateForPublish(content);
  if (!validated.ok) return err({ kind: "invalid", problems: validated.error });
  return ok({ raw: content, ruleSet: validated.value });
};

const readRuleFile = (file: string): Result<ReadRuleFiles, string> => {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return err(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const extension = extname(file);
  if (extension === ".csv") return readRuleCsv(file, text);
  const parsed =
    extension === ".json" ? parseJsonRuleText(file, text) : parseYamlRuleText(file, text);
  if (!parsed.ok) return parsed;
  if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value))
    return err(`${file}: expected a mapping with \`procedures\` and \`rules\` lists`);
  const shape = ruleFileShape.safeParse(parsed.value);
  if (!shape.success) {
    const [issue] = shape.error.issues;
    const field = issue && issueField(issue, "");
    return err(`${file}: ${field ? `${field} ` : ""}${issue?.message ?? "not a rule file"}`);
  }
  const { procedures = [], rules = [], baseVersion, cases = [] } = shape.data;
  return ok({ content: { procedures, rules }, baseVersion, cases });
};
