import { issueField } from "./issue-message.js";
import { ageUnitSchema, isoDateSchema, type RuleSet } from "./rule-set.js";
import { type SelectionRefusal, select } from "./select.js";
import * as z from "./zod.js";

/** Every refusal a golden case may expect: the kinds select answers with. */
const REFUSAL_KINDS = [
  "malformed-date",
  "impossible-date",
  "service-before-birth",
  "age-over-limit",
  "invalid-age",
  "unknown-procedure",
  "no-rule-in-effect",
  "age-not-covered",
  "weight-not-covered",
  "unknown-payer",
  "ambiguous-age",
] as const satisfies readonly SelectionRefusal["kind"][];

/**
 * A golden case: a request and the answer it must get, a code or a kind of refusal. Rule files
 * carry them under `cases:`, beside the rules they pin down; validate and publish run every one
 * against the candidate and refuse it on any mismatch.
 */
export const goldenCaseSchema = z
  .strictObject({
    name: z.string().check(z.minLength(1, { error: "must say what the case pins down" })),
    procedure: z.string(),
    dateOfService: isoDateSchema,
    dateOfBirth: z.optional(isoDateSchema),
    age: z.optional(z.strictObject({ value: z.int(), unit: ageUnitSchema })),
    gestationalAgeAtBirth: z.optional(z.strictObject({ weeks: z.int(), days: z.int() })),
    weightGrams: z.optional(z.int()),
    payer: z.optional(z.string()),
    expect: z.union(
      [z.strictObject({ code: z.string() }), z.strictObject({ refusal: z.enum(REFUSAL_KINDS) })],
      { error: "must be { code: ... } or { refusal: <kind> }" },
    ),
  })
  .check(
    z.refine((golden) => (golden.dateOfBirth === undefined) !== (golden.age === undefined), {
      error: "give dateOfBirth or age, not both",
    }),
  );

export type GoldenCase = z.infer<typeof goldenCaseSchema>;

/** One case that is malformed or that the candidate answers differently. */
export interface CaseProblem {
  /** The case's name, or its place in the list when it has none. */
  readonly case: string;
  readonly message: string;
}

export const describeCaseProblem = ({ case: name, message }: CaseProblem): string =>
  `case "${name}": ${message}`;

/** Runs every case against a validated rule set; every mismatch and malformed case is reported. */
export const runGoldenCases = (ruleSet: RuleSet, cases: readonly unknown[]): CaseProblem[] =>
  cases.flatMap((raw, index) => {
    const parsed = goldenCaseSchema.safeParse(raw);
    if (!parsed.success) {
      const name = (raw as { name?: unknown } | null)?.name;
      const label = typeof name === "string" && name ? name : `cases[${index}]`;
      return parsed.error.issues.map((issue) => ({
        case: label,
        message: `${issueField(issue, "(case)")}: ${issue.message}`,
      }));
    }
    const mismatch = mismatchOf(ruleSet, parsed.data);
    return mismatch ? [{ case: parsed.data.name, message: mismatch }] : [];
  });

const mismatchOf = (ruleSet: RuleSet, golden: GoldenCase): string | undefined => {
  const { dateOfBirth, age, expect } = golden;
  const { procedure, dateOfService, gestationalAgeAtBirth, weightGrams, payer } = golden;
  const besidesAge = { procedure, dateOfService, gestationalAgeAtBirth, weightGrams, payer };
  const request = age ? { ...besidesAge, age } : { ...besidesAge, dateOfBirth: dateOfBirth ?? "" };
  const answer = select(ruleSet, request);
  const got = answer.ok
    ? `${answer.value.code} (rule ${answer.value.ruleId})`
    : `refusal ${answer.error.kind}`;
  const expected = "code" in expect ? expect.code : `refusal ${expect.refusal}`;
  const matches = answer.ok
    ? "code" in expect && expect.code === answer.value.code
    : "refusal" in expect && expect.refusal === answer.error.kind;
  return matches ? undefined : `expected ${expected}, got ${got}`;
};
