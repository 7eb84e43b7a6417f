import type { SelectionRefusal } from "../core/select.js";
import type * as z from "../core/zod.js";
import type { problemSchema } from "./response-schemas.js";

export type Problem = z.infer<typeof problemSchema>;

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

const TITLES: Record<string, string> = {
  "invalid-json": "Body is not JSON",
  "invalid-request": "Request has invalid fields",
  "unknown-procedure": "Unknown procedure",
  "not-found": "No such route",
  "method-not-allowed": "Method not allowed",
  "version-not-found": "No such rule version",
  "version-rejected": "Rule version cannot be served",
  revoked: "Rule version revoked",
  "too-large": "Request too large",
  "no-rule-in-effect": "No rule in effect on the date of service",
  "age-not-covered": "The procedure has no code at this age",
  "ambiguous-age": "The age given leaves the code open",
  "rules-unavailable": "Rules unavailable",
  internal: "Internal error",
};

/** The problem type URI for a kind of refusal; stable, so tools can branch on it. */
const typeOf = (kind: string): string => `urn:code-rules:problem:${kind}`;

export const problem = (
  status: number,
  kind: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem => ({
  type: typeOf(kind),
  title: TITLES[kind] ?? "Request refused",
  status,
  detail,
  ...extra,
});

export const invalidRequest = (errors: readonly FieldError[]): Problem =>
  problem(400, "invalid-request", errors.map((e) => e.message).join("; "), { errors: [...errors] });

/** Maps a refusal of the selection core to its HTTP problem. */
export const refusalProblem = (refusal: SelectionRefusal): Problem => {
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
    case "no-rule-in-effect":
      return problem(422, refusal.kind, refusal.message);
    case "age-not-covered":
      return problem(422, refusal.kind, refusal.message, {
        codesByAge: refusal.codesByAge.map((entry) => ({ ...entry })),
      });
    case "ambiguous-age":
      return problem(422, refusal.kind, refusal.message, {
        decidingInputs: [...refusal.decidingInputs],
        ...(refusal.decidingUnit ? { decidingUnit: refusal.decidingUnit } : {}),
        codes: [...refusal.codes],
      });
  }
};
