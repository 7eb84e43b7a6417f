import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { Document, isMap, isScalar, visit } from "yaml";
import { err, ok, type Result } from "../core/result.js";
import { inFileOrder, type RuleFileContent } from "./file-order.js";
import { RULE_FILE_EXTENSIONS } from "./read-rule-files.js";
import { ruleCsvText } from "./rule-csv.js";
import { RULE_FILE_SCHEMA_PATH } from "./rule-file-schema.js";

export const RULE_FILE_FORMATS = ["yaml", "json", "csv"] as const;
export type RuleFileFormat = (typeof RULE_FILE_FORMATS)[number];

/** What an export writes: a version's content and the version it is. */
export interface Export {
  readonly content: RuleFileContent;
  readonly baseVersion: number;
  readonly format: RuleFileFormat;
}

// Bounds, thresholds and periods stay on one line each, as in the shipped rule files.
const ONE_LINE = new Set(["lower", "upper", "effective", "startsAt", "stopsAt"]);

/**
 * The text of one rule file. YAML and JSON name their schema (as a path from `folder`, or an
 * absolute one without it) and their base version; YAML lines are never wrapped, so a find and
 * replace finds every text whole.
 */
export const ruleFileText = ({ content, baseVersion, format }: Export, folder?: string): string => {
  if (format === "csv") return ruleCsvText(content, baseVersion);
  const schema = folder ? relative(resolve(folder), RULE_FILE_SCHEMA_PATH) : RULE_FILE_SCHEMA_PATH;
  const body = { baseVersion, ...inFileOrder(content) };
  if (format === "json") return `${JSON.stringify({ $schema: schema, ...body }, null, 2)}\n`;
  const document = new Document(body);
  visit(document, {
    Pair: (_, pair) => {
      if (isScalar(pair.key) && ONE_LINE.has(String(pair.key.value)) && isMap(pair.value))
        pair.value.flow = true;
    },
  });
  document.commentBefore = [
    ` yaml-language-server: $schema=${schema}`,
    ` Exported from version ${baseVersion}. \`code-rules publish\` of this file replaces version ${baseVersion}`,
    " and is refused if another version has become active since (see `code-rules diff`).",
  ].join("\n");
  return document.toString({ lineWidth: 0 });
};

/**
 * Writes an export to a file, or to a folder (a path ending in `/`, or an existing folder) as one
 * file per procedure, each carrying the same base version. Refuses a folder that holds rule files
 * the export would not replace: publishing the folder would merge them in.
 */
export const writeRuleFiles = (output: string, exported: Export): Result<string[], string> => {
  if (!output.endsWith("/") && !(existsSync(output) && statSync(output).isDirectory())) {
    writeFileSync(output, ruleFileText(exported, dirname(output)));
    return ok([output]);
  }
  const { procedures, rules } = exported.content;
  const files = new Map(
    procedures.map((procedure) => [
      `${procedure.key}.${exported.format}`,
      {
        ...exported,
        content: {
          procedures: [procedure],
          rules: rules.filter((rule) => rule.procedure === procedure.key),
        },
      },
    ]),
  );
  mkdirSync(output, { recursive: true });
  const strays = readdirSync(output).filter(
    (name) => RULE_FILE_EXTENSIONS.has(extname(name)) && !files.has(name),
  );
  if (strays.length > 0)
    return err(
      `${output} holds rule files this export would not replace (${strays.join(", ")}); publishing the folder would merge them in: remove them or export to another folder`,
    );
  for (const [name, file] of files) writeFileSync(join(output, name), ruleFileText(file, output));
  return ok([...files.keys()].map((name) => join(output, name)));
};
