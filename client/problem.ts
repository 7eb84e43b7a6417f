import type { components } from "./openapi-types.js";

/** An RFC 9457 problem the API answers; `type` is one of the URNs the contract lists. */
export type Problem = components["schemas"]["Problem"];

/** What API Gateway answers on its own (403 unsigned or not allowed, 429 throttled), or a proxy. */
export type GatewayMessage = components["schemas"]["GatewayMessage"];

/** A problem's kind: `ambiguous-age` for `urn:code-rules:problem:ambiguous-age`. */
export type ProblemKind = Problem["type"] extends `${typeof PREFIX}${infer Kind}` ? Kind : never;

/** The problem of one kind. */
export type ProblemOf<Kind extends ProblemKind> = Problem & { type: `${typeof PREFIX}${Kind}` };

const PREFIX = "urn:code-rules:problem:";

/**
 * Whether a body is one of the API's problems (of `kind`, when given) rather than a gateway's
 * message: `if (isProblem(answer.problem, "ambiguous-age")) answer.problem.decidingInputs`.
 */
export function isProblem(value: unknown): value is Problem;
export function isProblem<Kind extends ProblemKind>(
  value: unknown,
  kind: Kind,
): value is ProblemOf<Kind>;
export function isProblem(value: unknown, kind?: ProblemKind): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { type, status } = value as { type?: unknown; status?: unknown };
  if (typeof type !== "string" || typeof status !== "number") return false;
  return kind === undefined ? type.startsWith(PREFIX) : type === `${PREFIX}${kind}`;
}
