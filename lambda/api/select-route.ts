import { issueField } from "../core/issue-message.js";
import type { Result } from "../core/result.js";
import type { SelectionRequest } from "../core/select.js";
import { select } from "../core/select.js";
import type { RulesRefusal, RuleVersions, ServedVersion } from "../core/served-version.js";
import type * as z from "../core/zod.js";
import { type Answer, problemAnswer, rulesProblem } from "./answer.js";
import { type FieldError, invalidRequest, refusalProblem } from "./problem.js";
import { type SelectRequestBody, selectRequestSchema } from "./request-schemas.js";

export interface SelectDeps {
  readonly rules: RuleVersions;
  /** Today's date in UTC, YYYY-MM-DD: the date of service when only an age is given. */
  readonly today: () => string;
}

/** A select request body checked against its schema: the request, or the answer refusing it. */
export type ParsedSelect =
  | { readonly ok: true; readonly request: SelectRequestBody }
  | { readonly ok: false; readonly answer: Answer };

export const parseSelect = (body: unknown): ParsedSelect => {
  const parsed = selectRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  return {
    ok: false,
    answer: problemAnswer(invalidRequest(fieldErrors(parsed.error)), {
      outcomes: [{ refusal: "invalid-request" }],
    }),
  };
};

export type LoadedRules = Result<ServedVersion, RulesRefusal>;

/** Answers a valid request from the rules loaded for it; no I/O, so a batch runs it in a loop. */
export const answerParsed = (
  request: SelectRequestBody,
  rules: LoadedRules,
  today: string,
): Answer => {
  if (!rules.ok) {
    return problemAnswer(rulesProblem(rules.error), { outcomes: [{ refusal: rules.error.kind }] });
  }
  const { version, ruleSet, stale } = rules.value;
  const result = select(ruleSet, coreRequest(request, today));
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

/** Answers one selectCode request body. */
export const answerSelect = async (body: unknown, deps: SelectDeps): Promise<Answer> => {
  const parsed = parseSelect(body);
  if (!parsed.ok) return parsed.answer;
  const rules = await deps.rules.load({ version: parsed.request.ruleVersion });
  return answerParsed(parsed.request, rules, deps.today());
};

const coreRequest = (request: SelectRequestBody, today: string): SelectionRequest => {
  const { procedure, age, gestationalAgeAtBirth } = request;
  const dateOfService = request.dateOfService ?? today;
  return age
    ? { procedure, dateOfService, gestationalAgeAtBirth, age }
    : { procedure, dateOfService, gestationalAgeAtBirth, dateOfBirth: request.dateOfBirth ?? "" };
};

export const fieldErrors = (error: z.core.$ZodError): FieldError[] =>
  error.issues.map((issue) => {
    const field = issueField(issue, "(body)");
    const { message } = issue;
    return { field, message: message.startsWith(field) ? message : `${field}: ${message}` };
  });
