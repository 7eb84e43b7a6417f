import { issueField } from "../core/issue-message.js";
import type { SelectionRequest } from "../core/select.js";
import { select } from "../core/select.js";
import type { RuleVersions } from "../core/served-version.js";
import type * as z from "../core/zod.js";
import { type Answer, problemAnswer, rulesProblem } from "./answer.js";
import { type FieldError, invalidRequest, refusalProblem } from "./problem.js";
import { type SelectRequestBody, selectRequestSchema } from "./request-schemas.js";

export interface SelectDeps {
  readonly rules: RuleVersions;
  /** Today's date in UTC, YYYY-MM-DD: the date of service when only an age is given. */
  readonly today: () => string;
}

/** Answers one select request body: the whole of a selectCode request, and each item of a batch. */
export const answerSelect = async (body: unknown, deps: SelectDeps): Promise<Answer> => {
  const parsed = selectRequestSchema.safeParse(body);
  if (!parsed.success) {
    return problemAnswer(invalidRequest(fieldErrors(parsed.error)), {
      outcomes: [{ refusal: "invalid-request" }],
    });
  }
  const request = parsed.data;
  const rules = await deps.rules.load({ version: request.ruleVersion });
  if (!rules.ok) {
    return problemAnswer(rulesProblem(rules.error), { outcomes: [{ refusal: rules.error.kind }] });
  }
  const { version, ruleSet, stale } = rules.value;
  const result = select(ruleSet, coreRequest(request, deps.today()));
  if (!result.ok) {
    // Only a known procedure key reaches the logs; an unknown one is caller text and could hold anything.
    const procedure = result.error.kind === "unknown-procedure" ? undefined : request.procedure;
    const refused = {
      ruleVersion: version,
      stale,
      outcomes: [{ procedure, refusal: result.error.kind }],
    };
    return problemAnswer(refusalProblem(result.error), refused);
  }
  const { code, text, procedure, dateOfService, age, band, ruleId, explanation } = result.value;
  return {
    status: 200,
    body: {
      code,
      text,
      procedure,
      dateOfService,
      age,
      band,
      ruleId,
      ruleVersion: version,
      explanation,
    },
    ruleVersion: version,
    stale,
    outcomes: [{ procedure, code }],
  };
};

const coreRequest = (request: SelectRequestBody, today: string): SelectionRequest => {
  const common = { procedure: request.procedure, dateOfService: request.dateOfService ?? today };
  return request.age
    ? { ...common, age: request.age }
    : { ...common, dateOfBirth: request.dateOfBirth ?? "" };
};

export const fieldErrors = (error: z.core.$ZodError): FieldError[] =>
  error.issues.map((issue) => {
    const field = issueField(issue, "(body)");
    const { message } = issue;
    return { field, message: message.startsWith(field) ? message : `${field}: ${message}` };
  });
