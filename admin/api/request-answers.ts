import { diffRuleSets } from "../../core/diff.js";
import { impactJson } from "../../core/impact.js";
import type { Result } from "../../core/result.js";
import * as z from "../../core/zod.js";
import {
  commentSchema,
  editSchema,
  proposalSchema,
  rejectionSchema,
  resolutionSchema,
} from "../../http/admin-schemas.js";
import type { Answers } from "../../http/app.js";
import type { AdminOperationId } from "../../http/routes.js";
import { type ChangeRequest, withoutContent } from "../change-request.js";
import type { ChangeRequests, RequestReview } from "../change-requests.js";
import type { StoreRefusal } from "../store-refusal.js";
import type { AdminDeps } from "./admin-deps.js";
import { requestSummary } from "./request-summary.js";
import {
  answered,
  asPerson,
  notANumber,
  numberParam,
  type PersonAnswer,
  parsed,
} from "./signed-in.js";
import { actingOf, type StudioPerson } from "./studio-person.js";

type RequestOperation = Extract<
  AdminOperationId,
  | "getSignedIn"
  | "listChangeRequests"
  | "createChangeRequest"
  | "getChangeRequest"
  | "editChangeRequest"
  | "submitChangeRequest"
  | "commentOnChangeRequest"
  | "approveChangeRequest"
  | "rejectChangeRequest"
  | "rebaseChangeRequest"
  | "resolveConflict"
  | "publishChangeRequest"
  | "withdrawChangeRequest"
>;

type Step<T> = (
  requests: ChangeRequests,
  number: number,
  person: StudioPerson,
  body: T,
) => Promise<Result<ChangeRequest, StoreRefusal>>;

/**
 * A step on one request, by number, with its body as `schema` reads it: the store takes the step
 * and the change policy judges it.
 */
const onRequestWith =
  <T>(schema: z.ZodMiniType<T>, step: Step<T>): PersonAnswer =>
  async (person, input, deps) => {
    const number = numberParam(input, "number");
    if (number === undefined) return notANumber("number", input);
    const read = parsed(schema, input.body);
    if (!read.ok) return read.answer;
    const result = await step(deps.store.requests, number, person, read.value);
    return answered(result, (request) => ({ request: withoutContent(request) }));
  };

// The steps that take no body are given none: the route declares no request.
const onRequest = (step: Step<undefined>): PersonAnswer => onRequestWith(z.undefined(), step);

/** What a reviewer weighs, as the page shows it: the rules, their differences and their impact. */
const reviewShown = (review: RequestReview) => ({
  request: review.request,
  problems: review.problems,
  approvedBy: review.approvers,
  approvalsRequired: review.approvalsRequired,
  active: review.active.version ?? null,
  diff: diffRuleSets(review.active.ruleSet, review.request.content),
  impact: review.verdict ? impactJson(review.verdict.regions) : [],
  refusals: review.verdict?.refusals.map(({ kind, message }) => ({ kind, message })) ?? [],
  blocked: review.blocked ? review.blocked.message : null,
  people: review.names,
});

const showRequest: PersonAnswer = async (_, input, deps) => {
  const number = numberParam(input, "number");
  if (number === undefined) return notANumber("number", input);
  return answered(await deps.store.requests.review(number), reviewShown);
};

const listRequests: PersonAnswer = async (_, __, deps) => {
  const listed = await deps.store.requests.listWithApprovals();
  return answered(listed, ({ approvalsRequired, names, requests }) => ({
    approvalsRequired,
    requests: requests.map(({ request, approvers }) =>
      requestSummary(request, approvers, approvalsRequired),
    ),
    people: names,
  }));
};

const createRequest: PersonAnswer = async (person, input, deps) => {
  const read = parsed(proposalSchema, input.body);
  if (!read.ok) return read.answer;
  const created = await deps.store.requests.create(read.value, actingOf(person));
  return answered(created, (request) => ({ request: withoutContent(request) }), 201);
};

/**
 * The studio's change-request routes. Editors propose, edit, comment, rebase and withdraw;
 * approvers also approve, reject and publish; the store refuses what the change policy refuses.
 */
export const REQUEST_ANSWERS: Answers<RequestOperation, AdminDeps> = {
  getSignedIn: asPerson("editor", async (person) => ({ status: 200, body: person })),
  listChangeRequests: asPerson("editor", listRequests),
  createChangeRequest: asPerson("editor", createRequest),
  getChangeRequest: asPerson("editor", showRequest),
  editChangeRequest: asPerson(
    "editor",
    onRequestWith(editSchema, (requests, number, person, edit) =>
      requests.edit(number, edit, actingOf(person)),
    ),
  ),
  submitChangeRequest: asPerson(
    "editor",
    onRequest((requests, number, person) => requests.submit(number, actingOf(person))),
  ),
  commentOnChangeRequest: asPerson(
    "editor",
    onRequestWith(commentSchema, (requests, number, person, { text }) =>
      requests.comment(number, text, actingOf(person)),
    ),
  ),
  approveChangeRequest: asPerson(
    "approver",
    onRequest((requests, number, person) => requests.approve(number, actingOf(person))),
  ),
  rejectChangeRequest: asPerson(
    "approver",
    onRequestWith(rejectionSchema, (requests, number, person, { reason }) =>
      requests.reject(number, reason, actingOf(person)),
    ),
  ),
  rebaseChangeRequest: asPerson(
    "editor",
    onRequest((requests, number, person) => requests.rebase(number, actingOf(person))),
  ),
  resolveConflict: asPerson(
    "editor",
    onRequestWith(resolutionSchema, (requests, number, person, { rule, side }) =>
      requests.resolve(number, rule, side, actingOf(person)),
    ),
  ),
  publishChangeRequest: asPerson("approver", async (person, input, deps) => {
    const number = numberParam(input, "number");
    if (number === undefined) return notANumber("number", input);
    const published = await deps.store.requests.publish(number, {
      ...actingOf(person),
      asOf: deps.today(),
    });
    return answered(published, ({ request, version }) => ({
      request: withoutContent(request),
      version,
    }));
  }),
  withdrawChangeRequest: asPerson(
    "editor",
    onRequest((requests, number, person) => requests.withdraw(number, actingOf(person))),
  ),
};
