/**
 * What the API answers. The routes build these bodies; the schemas exist for their types and for
 * the OpenAPI document, and the tests validate every answer against that document.
 */
import { AGE_UNITS } from "../core/age.js";
import { GESTATION_UNITS } from "../core/gestation.js";
import { DECIDING_INPUTS } from "../core/select.js";
import * as z from "../core/zod.js";
import { PROBLEM_STATUSES, PROBLEM_TYPES, type ProblemKind, problemType } from "./problem-types.js";

/** Ages, counts and bounds: never negative. */
const count = z.int().check(z.minimum(0));

/** Published rule versions are numbered from 1. */
const ruleVersion = z.int().check(z.minimum(1));

/** What the contract says of every list of codes (core/code-order.ts holds the order). */
const IN_BAND_ORDER =
  "by band, youngest first (where the band starts, then where it stops), then by code";

export const knownAgeSchema = z
  .partial(z.object({ years: count, months: count, days: count }))
  .register(z.globalRegistry, {
    description: "The parts of the age the input fixes: a given age in years fixes only years",
  });

/** `text` wherever the API answers one: what callers read, said once for every route. */
const servedTextSchema = z.string().register(z.globalRegistry, {
  description:
    "The rule's text, which names the service, joined with its band's label (and any limit on age from conception) as one sentence: \"Place a central line through a central vein, exiting at the entry site, birth through 4 years\"",
});

export const selectionSchema = z
  .object({
    code: z.string(),
    text: servedTextSchema,
    procedure: z.string(),
    dateOfService: z.string(),
    age: knownAgeSchema,
    band: z.string(),
    ruleId: z.string(),
    ruleVersion,
    explanation: z.string(),
  })
  .register(z.globalRegistry, { id: "Selection" });

const problemTypeSchema = z
  .union(
    (Object.keys(PROBLEM_TYPES) as ProblemKind[]).map((kind) =>
      z.literal(problemType(kind)).register(z.globalRegistry, {
        description: PROBLEM_TYPES[kind].meaning,
      }),
    ),
  )
  .register(z.globalRegistry, { description: "What kind of problem; tools branch on it" });

export const problemSchema = z
  .object({
    type: problemTypeSchema,
    title: z.string(),
    status: z.literal(PROBLEM_STATUSES).register(z.globalRegistry, {
      description: "The HTTP status, repeated",
    }),
    detail: z.string(),
    errors: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
    decidingInputs: z.optional(
      z.array(z.enum(DECIDING_INPUTS)).register(z.globalRegistry, {
        description:
          "With ambiguous-age: the request fields that would decide, `age` (in `decidingUnit`, or a date of birth), `gestationalAgeAtBirth`, `weightGrams`, `payer`",
      }),
    ),
    decidingUnit: z.optional(z.enum(AGE_UNITS)),
    codes: z.optional(
      z.array(z.string()).register(z.globalRegistry, {
        description: `With ambiguous-age: the codes in play, ${IN_BAND_ORDER}`,
      }),
    ),
    codesByAge: z.optional(
      z.array(z.object({ code: z.string(), band: z.string() })).register(z.globalRegistry, {
        description: `With age-not-covered: the procedure's codes in effect on the date of service and the ages each is for, ${IN_BAND_ORDER}`,
      }),
    ),
    codesByWeight: z.optional(
      z.array(z.object({ code: z.string(), weight: z.string() })).register(z.globalRegistry, {
        description:
          "With weight-not-covered: the codes of the band that holds the patient's age and the present weights each is for",
      }),
    ),
    refused: z.optional(
      z.string().register(z.globalRegistry, {
        description:
          "With change-refused or changed-meanwhile: the change policy's reason, by kind",
      }),
    ),
    problems: z.optional(
      z
        .array(
          z.object({
            ruleId: z.optional(z.string()),
            procedure: z.optional(z.string()),
            field: z.string(),
            message: z.string(),
          }),
        )
        .register(z.globalRegistry, {
          description: "With change-refused: each problem of the rules, where it is",
        }),
    ),
    regions: z.optional(
      z.array(z.unknown()).register(z.globalRegistry, {
        description:
          "With change-refused for past dates of service: the ages and dates whose answers would change",
      }),
    ),
  })
  .register(z.globalRegistry, { id: "Problem", description: "RFC 9457 problem details" });

export const codeCheckSchema = z
  .object({
    code: z.string().register(z.globalRegistry, { description: "The billed code" }),
    consistent: z.boolean().register(z.globalRegistry, {
      description: "Whether the billed code is among the codes the rules select",
    }),
    expected: z.array(z.string()).register(z.globalRegistry, {
      description: `The codes selected, one per procedure of the billed code, without repeats, ${IN_BAND_ORDER}`,
    }),
    procedure: z.optional(z.string()).register(z.globalRegistry, {
      description: "The procedure, when the check answers for one",
    }),
    ruleVersion,
    explanation: z.string(),
    selections: z.array(selectionSchema).register(z.globalRegistry, {
      description: `What each procedure of the billed code selects, in the order of \`expected\``,
    }),
  })
  .register(z.globalRegistry, { id: "CodeCheck" });

/**
 * The statuses one item of a batch can answer: its body refused (400), an unknown procedure, code
 * or version (404), no code for the age (422), or its pinned version unavailable (503). A bug fails
 * the whole batch instead.
 */
export const BATCH_ITEM_PROBLEM_STATUSES = [400, 404, 422, 503] as const;

/**
 * The answer to a batch: one result per item, in order, the good ones' answer under `key`. Each
 * item's status is a literal, 200 or one of the problem statuses, so that a typed client narrows
 * an item on `status === 200`.
 */
const batchResponse = <K extends string>(key: K, answer: z.ZodMiniType, id: string) =>
  z
    .object({
      results: z.array(
        z.union([
          z.object({ status: z.literal(200), [key]: answer } as Record<K, z.ZodMiniType> & {
            status: z.ZodMiniLiteral<200>;
          }),
          z.object({
            status: z.literal(BATCH_ITEM_PROBLEM_STATUSES),
            problem: problemSchema,
          }),
        ]),
      ),
    })
    .register(z.globalRegistry, { id });

export const batchResponseSchema = batchResponse("selection", selectionSchema, "BatchResponse");

export const checkBatchResponseSchema = batchResponse(
  "check",
  codeCheckSchema,
  "CheckBatchResponse",
);

const boundSchema = z.object({ value: count, unit: z.enum(AGE_UNITS), inclusive: z.boolean() });
const thresholdSchema = z.object({ value: count, unit: z.enum(AGE_UNITS) });
const gestationBoundSchema = z.object({
  value: count,
  unit: z.enum(GESTATION_UNITS),
  inclusive: z.boolean(),
});
const gestationRangeSchema = z.object({
  lower: z.optional(gestationBoundSchema),
  upper: z.optional(gestationBoundSchema),
});

const weightBoundSchema = z.object({ value: count, inclusive: z.boolean() });
const weightRangeSchema = z
  .object({ lower: z.optional(weightBoundSchema), upper: z.optional(weightBoundSchema) })
  .register(z.globalRegistry, { description: "Present body weight, bounds in whole grams" });
const payerLimitSchema = z
  .object({ only: z.optional(z.array(z.string())), except: z.optional(z.array(z.string())) })
  .register(z.globalRegistry, {
    description: "The payer programs the rule is for: `only` these, or all declared `except` these",
  });

export const proceduresResponseSchema = z
  .object({
    ruleVersion,
    procedures: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        coverage: z.optional(
          z.object({
            startsAt: z.optional(thresholdSchema),
            stopsAt: z.optional(thresholdSchema),
          }),
        ),
        retired: z.optional(
          z.object({ from: z.string(), reason: z.string() }).register(z.globalRegistry, {
            description:
              "From this date of service no code of the procedure answers (its codes were deleted), and why",
          }),
        ),
        payers: z.optional(
          z.array(z.string()).register(z.globalRegistry, {
            description: "The payer programs the procedure's rules tell apart",
          }),
        ),
        notes: z.optional(z.string()),
        rules: z
          .array(
            z.object({
              ruleId: z.string(),
              code: z.string(),
              text: servedTextSchema,
              band: z.object({
                label: z.string(),
                lower: boundSchema,
                upper: z.optional(boundSchema),
              }),
              gestationalAgeAtBirth: z.optional(gestationRangeSchema),
              postConceptionAge: z.optional(gestationRangeSchema),
              weightGrams: z.optional(weightRangeSchema),
              payers: z.optional(payerLimitSchema),
              effective: z.object({ from: z.string(), to: z.optional(z.string()) }),
            }),
          )
          .register(z.globalRegistry, {
            description: `The procedure's rules, ${IN_BAND_ORDER}; one code's successive rules by date`,
          }),
      }),
    ),
  })
  .register(z.globalRegistry, { id: "Procedures" });

export const rulesInfoSchema = z
  .object({
    version: ruleVersion,
    publishedAt: z.string(),
    message: z.string(),
    actor: z.string(),
    ruleCount: count,
  })
  .register(z.globalRegistry, { id: "RuleVersion" });

export const healthSchema = z
  .object({
    status: z.literal("ok"),
    ruleVersion: z.optional(ruleVersion),
    ruleCount: count,
    stale: z.boolean(),
  })
  .register(z.globalRegistry, { id: "Health" });

/**
 * The 200 answers, by the component id each is documented under: the route table names them by
 * id, so a function's bundle carries none of these schemas (no function checks its own answers
 * with them; the contract tests do), and the OpenAPI document refers to each by its id.
 */
export const RESPONSE_SCHEMAS = {
  Selection: selectionSchema,
  BatchResponse: batchResponseSchema,
  CodeCheck: codeCheckSchema,
  CheckBatchResponse: checkBatchResponseSchema,
  Procedures: proceduresResponseSchema,
  RuleVersion: rulesInfoSchema,
  Health: healthSchema,
} as const;

export type ResponseSchemaId = keyof typeof RESPONSE_SCHEMAS;
