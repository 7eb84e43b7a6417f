import { AGE_UNITS } from "./age.js";
import { parseIsoDate } from "./calendar-date.js";
import { BILLING_CODE_PATTERN, BILLING_CODE_RULE } from "./code.js";
import { GESTATION_UNITS } from "./gestation.js";
import { plainTextProblem } from "./plain-text.js";
import * as z from "./zod.js";

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const isoDateSchema = z.string({ error: "must be a date written YYYY-MM-DD" }).check(
  z.refine((value) => parseIsoDate(value, "date").ok, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a calendar date written YYYY-MM-DD`,
  }),
);

/** The longest of each kind of string a rule set holds: every string field is bounded. */
const MAX_LENGTH = { key: 120, label: 120, name: 300, source: 500, text: 1000, notes: 2000 };

const kebabKey = z
  .string()
  .check(
    z.maxLength(MAX_LENGTH.key),
    z.regex(KEBAB, { error: "must be kebab-case (lower-case words joined by hyphens)" }),
  );

const wholeNumber = z.int().check(z.minimum(0));

/** Plain text for people (see plain-text.ts), at most `max` characters. */
const plainText = (max: number) =>
  z.string().check(
    z.maxLength(max),
    z.superRefine((value, context) => {
      const problem = plainTextProblem(value);
      if (problem) context.addIssue({ code: "custom", input: value, message: problem });
    }),
  );

const text = (max: number, error: string) => plainText(max).check(z.minLength(1, { error }));

export const ageUnitSchema = z.enum(AGE_UNITS);

const ageBoundSchema = z.strictObject({
  value: wholeNumber,
  unit: ageUnitSchema,
  inclusive: z.boolean({
    error: "must be true or false, saying whether the bound's age is in the band",
  }),
});

const thresholdSchema = z.strictObject({ value: wholeNumber, unit: ageUnitSchema });

const gestationBoundSchema = z.strictObject({
  value: wholeNumber,
  unit: z.enum(GESTATION_UNITS),
  inclusive: z.boolean({
    error: "must be true or false, saying whether the bound's age is in the range",
  }),
});

const gestationRangeSchema = z.strictObject({
  lower: z.optional(gestationBoundSchema),
  upper: z.optional(gestationBoundSchema),
});

const weightBoundSchema = z.strictObject({
  value: wholeNumber.register(z.globalRegistry, { description: "Whole grams" }),
  inclusive: z.boolean({
    error: "must be true or false, saying whether the bound's weight is in the range",
  }),
});

const weightRangeSchema = z.strictObject({
  lower: z.optional(weightBoundSchema),
  upper: z.optional(weightBoundSchema),
});

const payerListSchema = z
  .array(kebabKey)
  .check(z.minLength(1, { error: "must name a payer program" }));

const payerLimitSchema = z
  .strictObject({ only: z.optional(payerListSchema), except: z.optional(payerListSchema) })
  .check(
    z.refine((limit) => (limit.only === undefined) !== (limit.except === undefined), {
      error: "give exactly one of only or except",
    }),
  );

// A band's label is said from its bounds (bandLabel). Versions stored before carried one of
// their own: it is still accepted, so they load, and dropped (withoutBandLabel).
const ageBandSchema = z.strictObject({
  label: z.optional(plainText(MAX_LENGTH.label)),
  lower: ageBoundSchema,
  upper: z.optional(ageBoundSchema),
});

const effectivePeriodSchema = z.strictObject({
  from: isoDateSchema,
  to: z.optional(isoDateSchema),
});

export const ruleSchema = z.strictObject({
  id: kebabKey,
  procedure: kebabKey,
  code: z.string({ error: "must be a string (quote codes in YAML)" }).check(
    z.regex(BILLING_CODE_PATTERN, {
      error: (issue) => `${JSON.stringify(issue.input)} is not ${BILLING_CODE_RULE}`,
    }),
  ),
  text: text(MAX_LENGTH.text, "must describe the code").register(z.globalRegistry, {
    description:
      "The service, in plain words of our own, with no ages: the band states them, and answers join the two",
  }),
  band: ageBandSchema,
  /** Limits on age counted from conception, beside the band: both must hold. */
  gestationalAgeAtBirth: z.optional(gestationRangeSchema),
  postConceptionAge: z.optional(gestationRangeSchema),
  /** Present body weight on the date of service, in whole grams, beside the band: both must hold. */
  weightGrams: z.optional(weightRangeSchema),
  /** The payer programs the rule is for, of those its procedure declares. */
  payers: z.optional(payerLimitSchema),
  effective: effectivePeriodSchema,
  source: text(MAX_LENGTH.source, "must say where the code and band were verified"),
  notes: z.optional(plainText(MAX_LENGTH.notes)),
});

export const procedureSchema = z.strictObject({
  key: kebabKey,
  name: text(MAX_LENGTH.name, "must name the procedure for people"),
  /** Where coverage starts or stops on purpose; without it the bands must cover every age. */
  coverage: z.optional(
    z.strictObject({
      startsAt: z.optional(thresholdSchema),
      stopsAt: z.optional(thresholdSchema),
    }),
  ),
  /**
   * Where the procedure's codes were deleted and no code of ours replaces them: from this date of
   * service the answer is "no rule in effect", with the reason.
   */
  retired: z.optional(
    z.strictObject({
      from: isoDateSchema,
      reason: text(MAX_LENGTH.notes, "must say why no code answers from then on"),
    }),
  ),
  /** The payer programs the procedure's rules tell apart; a request naming another is refused. */
  payers: z.optional(payerListSchema),
  notes: z.optional(plainText(MAX_LENGTH.notes)),
});

export const ruleSetShapeSchema = z.strictObject({
  procedures: z.array(z.unknown(), { error: "must be a list of procedures" }),
  rules: z.array(z.unknown(), { error: "must be a list of rules" }),
});

type ParsedRule = z.infer<typeof ruleSchema>;
export type Rule = Omit<ParsedRule, "band"> & { band: Omit<ParsedRule["band"], "label"> };

/**
 * A parsed rule without the label its band may carry from an older version: copied only where it
 * carries one, since a version's load keeps every rule it parses.
 */
export const withoutBandLabel = (parsed: ParsedRule): Rule => {
  if (!Object.hasOwn(parsed.band, "label")) return parsed;
  const {
    band: { label: _, ...band },
    ...rule
  } = parsed;
  return { ...rule, band };
};
export type Procedure = z.infer<typeof procedureSchema>;
export type EffectivePeriod = Rule["effective"];

/** A rule set's content before validation: as read from files, from the table or from a request. */
export interface RuleSetContent {
  readonly procedures: readonly unknown[];
  readonly rules: readonly unknown[];
}

/**
 * The content of one rule version. Only {@link validateRuleSet} makes one, so holding a RuleSet
 * means every check has passed.
 */
export type RuleSet = { procedures: Procedure[]; rules: Rule[] } & { readonly [validated]: true };

declare const validated: unique symbol;

/** Whether a date of service (YYYY-MM-DD, which sorts as text) falls in the period. */
export const isInEffect = (period: EffectivePeriod, dateOfService: string): boolean =>
  period.from <= dateOfService && (period.to === undefined || dateOfService <= period.to);
