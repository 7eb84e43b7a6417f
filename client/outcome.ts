import { CodeRulesClientError } from "./client-error.js";
import { type GatewayMessage, isProblem, type Problem } from "./problem.js";

/** The API answered: `value` is the body the contract gives for the operation's 200. */
export interface Answered<T> {
  readonly ok: true;
  readonly status: number;
  readonly value: T;
}

/** The API refused: `problem.type` says why, `status` is the problem's own. */
export interface RefusedByApi {
  readonly ok: false;
  readonly from: "api";
  readonly status: Problem["status"];
  readonly problem: Problem;
}

/**
 * Something in front of the API refused before it was reached: API Gateway (403 unsigned or not
 * allowed, 429 throttled, 5xx when the function itself failed), or a proxy. `problem.message` says
 * what it said.
 */
export interface RefusedByGateway {
  readonly ok: false;
  readonly from: "gateway";
  readonly status: number;
  readonly problem: GatewayMessage;
}

/**
 * A call's outcome, never thrown: branch on `ok`, then on `from` (or `isProblem(problem)`).
 * Only a call that got no answer at all throws ({@link CodeRulesClientError}).
 */
export type Outcome<T> = Answered<T> | RefusedByApi | RefusedByGateway;

/** What openapi-fetch resolves a call with. */
export interface FetchedAnswer {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

// A gateway or a proxy may answer JSON with a `message`, a problem of its own, text, or nothing.
const gatewayMessage = (error: unknown, response: Response): GatewayMessage => {
  const said = error as { message?: unknown; detail?: unknown } | null | undefined;
  const message =
    typeof said?.message === "string"
      ? said.message
      : typeof said?.detail === "string"
        ? said.detail
        : typeof error === "string" && error.trim() !== ""
          ? error.trim().slice(0, 500)
          : response.statusText || `HTTP ${response.status}`;
  return { message };
};

/** The outcome of an answered call; a 2xx without a JSON body is no answer, and throws. */
export const outcomeOf = <T>({ data, error, response }: FetchedAnswer): Outcome<T> => {
  if (response.ok) {
    if (data === undefined) {
      throw new CodeRulesClientError(
        "unreadable-answer",
        `${response.url || "the API"} answered ${response.status} without a body`,
      );
    }
    return { ok: true, status: response.status, value: data as T };
  }
  if (isProblem(error)) return { ok: false, from: "api", status: error.status, problem: error };
  return {
    ok: false,
    from: "gateway",
    status: response.status,
    problem: gatewayMessage(error, response),
  };
};
