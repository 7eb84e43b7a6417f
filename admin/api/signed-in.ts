import type { Result } from "../../core/result.js";
import type * as z from "../../core/zod.js";
import type { Answer } from "../../http/answer.js";
import { problemAnswer } from "../../http/answer.js";
import type { AnswerOf, RouteInput } from "../../http/app.js";
import { invalidRequest, problem } from "../../http/problem.js";
import type { StudioRole } from "../../http/route.js";
import type { StoreRefusal } from "../store-refusal.js";
import type { AdminDeps } from "./admin-deps.js";
import { refusalAnswer } from "./refusal-problem.js";
import { personOf, type StudioPerson } from "./studio-person.js";

/** An answer for a person the token names, with the role the route needs. */
export type PersonAnswer = (
  person: StudioPerson,
  input: RouteInput,
  deps: AdminDeps,
) => Promise<Answer>;

const ROLE_SAID: Readonly<Record<StudioRole, string>> = {
  editor: "proposing and reading rule changes needs the rule-editors or rule-approvers group",
  approver:
    "approving, rejecting, publishing, rolling back and revoking need the rule-approvers group",
};

/**
 * The route's answer, for a person whose token gives the role it needs: API Gateway has checked
 * the token; the groups in it are the function's to judge.
 */
export const asPerson =
  (role: StudioRole, answer: PersonAnswer): AnswerOf<AdminDeps> =>
  (input, deps) => {
    const person = personOf(input.claims, deps.groupsClaim);
    if (!person)
      return Promise.resolve(
        problemAnswer(problem(403, "forbidden", "the token names no person (no `sub` claim)")),
      );
    if (!person.roles.includes(role))
      return Promise.resolve(
        problemAnswer(problem(403, "forbidden", `${person.name}: ${ROLE_SAID[role]}`)),
      );
    return answer(person, input, deps);
  };

/** A body as its schema reads it, or the 400 that names each field wrong. */
export const parsed = <T>(
  schema: z.ZodMiniType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; answer: Answer } => {
  const read = schema.safeParse(body);
  if (read.success) return { ok: true, value: read.data };
  const errors = read.error.issues.map((issue) => ({
    field: issue.path.join(".") || "(body)",
    message: `${issue.path.join(".") || "the body"}: ${issue.message}`,
  }));
  return { ok: false, answer: problemAnswer(invalidRequest(errors)) };
};

/** A path's number (a change request's, a version's), or undefined when it is not one. */
export const numberParam = (input: RouteInput, name: string): number | undefined => {
  const text = input.params[name] ?? "";
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : undefined;
};

export const notANumber = (name: string, input: RouteInput): Answer =>
  problemAnswer(
    invalidRequest([
      {
        field: name,
        message: `${name} must be a whole number from 1, not ${JSON.stringify(input.params[name] ?? "")}`,
      },
    ]),
  );

/** A store's answer: its value as the route shows it, or its refusal as a problem. */
export const answered = <T>(
  result: Result<T, StoreRefusal>,
  show: (value: T) => unknown,
  status = 200,
): Answer => (result.ok ? { status, body: show(result.value) } : refusalAnswer(result.error));
