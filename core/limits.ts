import type { RuleProblem } from "./rule-problem.js";
import type { RuleSetContent } from "./rule-set.js";

/**
 * What one rule version may hold so that the function can read, check and index it well within a
 * request's time: publish refuses a rule set past any of these before it writes anything, and the
 * function refuses to read a version whose metadata says it is past them.
 */
export const RULE_SET_LIMITS = {
  rules: 5_000,
  procedures: 1_000,
  /** One rule or procedure as JSON: a DynamoDB item, with room to spare under its 400 KB. */
  itemBytes: 8 * 1024,
  /** The whole version as JSON: two or three Query pages of 1 MB. */
  versionBytes: 2 * 1024 * 1024,
} as const;

/**
 * How large a request that carries a whole rule set (a draft to publish, a CSV upload) may be: the
 * largest version publish accepts, and room for the request's own fields. Derived from the version
 * limit, so no rule set the store takes is refused on its way there.
 */
export const RULE_SET_REQUEST_BYTES = RULE_SET_LIMITS.versionBytes + 64 * 1024;

const isSized = (input: unknown): input is RuleSetContent =>
  typeof input === "object" &&
  input !== null &&
  Array.isArray((input as RuleSetContent).procedures) &&
  Array.isArray((input as RuleSetContent).rules);

const encoder = new TextEncoder();
const bytesOf = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

/**
 * Every limit a candidate goes past, naming the rule or procedure and field where one item does;
 * none for input not shaped as a rule set, which the validator refuses.
 */
export const limitProblems = (ruleSet: unknown): RuleProblem[] => {
  if (!isSized(ruleSet)) return [];
  const problems: RuleProblem[] = [];
  const { rules, procedures, itemBytes, versionBytes } = RULE_SET_LIMITS;
  if (ruleSet.rules.length > rules)
    problems.push(countProblem("rules", ruleSet.rules.length, rules));
  if (ruleSet.procedures.length > procedures)
    problems.push(countProblem("procedures", ruleSet.procedures.length, procedures));
  let total = 0;
  for (const [list, items] of [
    ["procedures", ruleSet.procedures],
    ["rules", ruleSet.rules],
  ] as const) {
    items.forEach((item, index) => {
      const bytes = bytesOf(item);
      total += bytes;
      if (bytes > itemBytes) problems.push(itemProblem(list, item, index, bytes));
    });
  }
  if (total > versionBytes) {
    problems.push({
      field: "(rule set)",
      message: `the rule set is ${total} bytes as JSON, over the limit of ${versionBytes} bytes per version`,
    });
  }
  return problems;
};

const countProblem = (list: "rules" | "procedures", count: number, limit: number) => ({
  field: list,
  message: `the rule set has ${count} ${list}, over the limit of ${limit} ${list} per version`,
});

const itemProblem = (
  list: "rules" | "procedures",
  item: unknown,
  index: number,
  bytes: number,
): RuleProblem => {
  const record = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
  const fields = Object.entries(record).map(([name, value]) => [name, bytesOf(value)] as const);
  const [largest] = fields.sort((a, b) => b[1] - a[1]);
  const where =
    list === "rules"
      ? { ruleId: typeof record.id === "string" ? record.id : `rules[${index}]` }
      : { procedure: typeof record.key === "string" ? record.key : `procedures[${index}]` };
  return {
    ...where,
    field: largest?.[0] ?? "(item)",
    message: `the ${list === "rules" ? "rule" : "procedure"} is ${bytes} bytes as JSON, over the limit of ${RULE_SET_LIMITS.itemBytes} bytes per item (its largest field, ${largest?.[0] ?? "none"}, is ${largest?.[1] ?? 0} bytes)`,
  };
};
