import type { RulesRefusal } from "../core/served-version.js";
import { type Problem, problem } from "./problem.js";
import type { Outcome } from "./telemetry.js";

/** A route's answer before it becomes an HTTP response. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly ruleVersion?: number | undefined;
  readonly stale?: boolean | undefined;
  readonly outcomes?: readonly Outcome[];
}

/** Seconds a caller should wait before retrying while no rule version can be served. */
export const RETRY_AFTER_SECONDS = 5;

export const problemAnswer = (body: Problem, extra: Partial<Answer> = {}): Answer => ({
  status: body.status,
  body,
  ...(body.status === 503 ? { headers: { "retry-after": String(RETRY_AFTER_SECONDS) } } : {}),
  ...extra,
});

export const rulesProblem = (refusal: RulesRefusal): Problem => {
  switch (refusal.kind) {
    case "rules-unavailable":
      return problem(503, refusal.kind, refusal.message);
    case "version-not-found":
    case "revoked":
      return problem(404, refusal.kind, refusal.message, {
        errors: [{ field: "ruleVersion", message: refusal.message }],
      });
    case "version-rejected":
      return problem(422, refusal.kind, refusal.message, {
        errors: [{ field: "ruleVersion", message: refusal.message }],
      });
  }
};
