import type { CheckRefusal } from "../core/check.js";
import type * as z from "../core/zod.js";
import {
  PROBLEM_TYPES,
  type ProblemKind,
  type ProblemStatus,
  problemType,
} from "./problem-types.js";
import type { problemSchema } from "./response-schemas.js";

export type Problem = z.infer<typeof problemSchema>;

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const problem = (
  status: ProblemStatus,
  kind: ProblemKind,
  detail: string,
  extra: Partial<Problem> = {},
): Problem => ({
  type: problemType(kind),
  title: PROBLEM_TYPES[kind].title,
  status,
  detail,
  ...extra,
});

export const invalidRequest = (errors: readonly FieldError[]): Problem =>
  problem(400, "invalid-request", errors.map((e) => e.message).join("; "), { errors: [...errors] });

/** Maps a refusal of the selection core (or of the claim check) to its HTTP problem. */
export const refusalProblem = (refusal: CheckRefusal): Problem => {
  switch (refusal.kind) {
    case "malformed-date":
    case "impossible-date":
      return invalidRequest([{ field: refusal.field, message: refusal.message }]);
    case "service-before-birth":
      return invalidRequest([{ field: "dateOfService", message: refusal.message }]);
    case "age-over-limit":
    case "invalid-age":
      return invalidRequest([{ field: "age", message: refusal.message }]);
    case "unknown-procedure":
      return problem(404, refusal.kind, refusal.message, {
        errors: [{ field: "procedure", message: refusal.message }],
      });
    case "unknown-code":
      return problem(404, refusal.kind, refusal.message, {
        errors: [{ field: "code", message: refusal.message }],
      });
    case "no-rule-in-effect":
      return problem(422, refusal.kind, refusal.message);
    case "age-not-covered":
      return problem(422, refusal.kind, refusal.message, {
        codesByAge: refusal.codesByAge.map((entry) => ({ ...entry })),
      });
    case "unknown-payer":
      return invalidRequest([{ field: "payer", message: refusal.message }]);
    case "weight-not-covered":
      return problem(422, refusal.kind, refusal.message, {
        codesByWeight: refusal.codesByWeight.map((entry) => ({ ...entry })),
      });
    case "ambiguous-age":
      return problem(422, refusal.kind, refusal.message, {
        decidingInputs: [...refusal.decidingInputs],
        ...(refusal.decidingUnit ? { decidingUnit: refusal.decidingUnit } : {}),
        codes: [...refusal.codes],
      });
  }
};
