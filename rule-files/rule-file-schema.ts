import { fileURLToPath } from "node:url";
import { goldenCaseSchema } from "../core/golden-cases.js";
import { procedureSchema, ruleSchema } from "../core/rule-set.js";
import * as z from "../core/zod.js";

/** rule-files/rule-file.schema.json: the JSON Schema editors check rule files with. */
export const RULE_FILE_SCHEMA_PATH = fileURLToPath(
  new URL("./rule-file.schema.json", import.meta.url),
);

const VERSION_NUMBER = "must be the number of a version (1 or more)";

// The fields a rule file has around its procedures and rules.
const fileFields = {
  /** A JSON file may name its schema, as editors expect; a YAML file says it in a comment. */
  $schema: z.optional(z.string()),
  /** The version an export came from: publish then replaces that version and no other. */
  baseVersion: z.optional(
    z.int({ error: VERSION_NUMBER }).check(z.minimum(1, { error: VERSION_NUMBER })),
  ),
};

/**
 * What a rule file holds at the top; procedures and rules are checked by the validator, golden
 * cases when they are run.
 */
export const ruleFileShape = z.strictObject({
  ...fileFields,
  procedures: z.optional(z.array(z.unknown(), { error: "must be a list of procedures" })),
  rules: z.optional(z.array(z.unknown(), { error: "must be a list of rules" })),
  cases: z.optional(z.array(z.unknown(), { error: "must be a list of golden cases" })),
});

/** A rule file in full, for the JSON Schema; the same zod schemas the validator parses with. */
const ruleFileSchema = z.strictObject({
  ...fileFields,
  procedures: z.optional(z.array(procedureSchema)),
  rules: z.optional(z.array(ruleSchema)),
  cases: z.optional(z.array(goldenCaseSchema)),
});

/**
 * The text of rule-file.schema.json (`npm run rule-file-schema` writes it). What is checked in
 * code rather than by a pattern (calendar dates) is the validator's alone, as is all that spans
 * rules (overlaps, gaps), and the ages a rule's text may not state.
 */
export const ruleFileSchemaText = (): string => {
  const schema = z.toJSONSchema(ruleFileSchema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  });
  const described = {
    $schema: schema.$schema,
    title: "code-rules rule file",
    description:
      "Procedures and the rules that give each its code by age band and date of service. `code-rules validate` checks what this schema cannot: codes, dates, overlaps, gaps and texts that state ages (the band states them).",
    ...schema,
  };
  return `${JSON.stringify(described, null, 2)}\n`;
};
