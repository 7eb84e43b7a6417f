import { RULE_SET_REQUEST_BYTES } from "../core/limits.js";
import {
  commentSchema,
  editSchema,
  proposalSchema,
  rejectionSchema,
  resolutionSchema,
  revocationSchema,
  rollbackSchema,
} from "./admin-schemas.js";
import { PROBLEM_TYPES } from "./problem-types.js";
import { everyRoute, type ProblemDocs, type Route, type StudioRole } from "./route.js";

const signedIn = (role: StudioRole) => ({ kind: "sign-in", role }) as const;
const EDITOR = signedIn("editor");
const APPROVER = signedIn("approver");

const reads: ProblemDocs = {
  ...everyRoute,
  403: PROBLEM_TYPES.forbidden.meaning,
  503: PROBLEM_TYPES["store-unavailable"].meaning,
};
const ofOne: ProblemDocs = { ...reads, 404: "No change request or version of that number" };
const steps: ProblemDocs = {
  ...ofOne,
  400: "Malformed JSON or invalid fields; `errors` lists each field",
  413: "Body over the size limit: a rule set's, for a proposal or an edit",
  409: PROBLEM_TYPES["changed-meanwhile"].meaning,
  422: PROBLEM_TYPES["change-refused"].meaning,
};

const REQUEST = "/admin/v1/requests/{number}";

/** A step of a change request, one route each: the store's step of the same name takes it. */
const step = (verb: string, summary: string, description: string, role = EDITOR) => ({
  method: "POST" as const,
  path: `${REQUEST}/${verb}`,
  tag: "Change requests" as const,
  summary,
  description,
  response: { description: "The change request as it stands after the step" },
  problems: steps,
  access: role,
});

/**
 * The routes people signed in to the studio call, under /admin/v1/: the admin function answers
 * them, as the change policy (admin/change-policy.ts) decides. Editors propose and comment;
 * approvers also approve, publish, roll back and revoke. The author of a request never approves it.
 */
export const ADMIN_ROUTES = {
  getSignedIn: {
    method: "GET",
    path: "/admin/v1/me",
    tag: "Change requests",
    summary: "Who is signed in",
    description: "The person the token names, and their roles in the studio.",
    response: { description: "The person and their roles" },
    problems: reads,
    access: EDITOR,
  },
  listChangeRequests: {
    method: "GET",
    path: "/admin/v1/requests",
    tag: "Change requests",
    summary: "List change requests",
    description:
      "Every change request, newest first, without its rules: where it stands, who approved it as it stands, and how many approvals it needs.",
    response: { description: "The change requests" },
    problems: reads,
    access: EDITOR,
  },
  createChangeRequest: {
    method: "POST",
    path: "/admin/v1/requests",
    tag: "Change requests",
    summary: "Propose a change",
    description:
      "Opens a change request for the whole rule set given, over the version active now (`baseVersion`). Refused with the change policy's reasons when its rules would not be published or it asks no leave for what needs it.",
    request: proposalSchema,
    maxBodyBytes: RULE_SET_REQUEST_BYTES,
    response: { description: "The change request, without its rules", status: 201 },
    problems: steps,
    access: EDITOR,
  },
  getChangeRequest: {
    method: "GET",
    path: REQUEST,
    tag: "Change requests",
    summary: "Show a change request",
    description:
      "A change request with its rules, its differences from the active version rule by rule and field by field, its impact on answers, its problems, comments and approvals.",
    response: { description: "The change request and its review" },
    problems: ofOne,
    access: EDITOR,
  },
  editChangeRequest: {
    method: "PUT",
    path: REQUEST,
    tag: "Change requests",
    summary: "Edit a change request",
    description:
      "Its author replaces its rules (and title). Approvals given to an earlier revision no longer count.",
    request: editSchema,
    maxBodyBytes: RULE_SET_REQUEST_BYTES,
    response: { description: "The change request as edited" },
    problems: steps,
    access: EDITOR,
  },
  submitChangeRequest: step("submit", "Submit a draft", "Puts a draft up for review."),
  commentOnChangeRequest: {
    ...step("comments", "Comment", "Adds a comment to the request's review."),
    request: commentSchema,
  },
  approveChangeRequest: step(
    "approve",
    "Approve",
    "Approves the request as it stands (its revision): never its own author's.",
    APPROVER,
  ),
  rejectChangeRequest: {
    ...step("reject", "Reject", "Rejects the request, saying why.", APPROVER),
    request: rejectionSchema,
  },
  rebaseChangeRequest: step(
    "rebase",
    "Rebase",
    "Carries the request over the version active now; rules both changed become conflicts to resolve.",
  ),
  resolveConflict: {
    ...step("resolve", "Resolve a conflict", "Keeps one side of a conflict."),
    request: resolutionSchema,
  },
  publishChangeRequest: step(
    "publish",
    "Publish",
    "Makes the approved request's rules the active version, in the same transaction that marks it published.",
    APPROVER,
  ),
  withdrawChangeRequest: step("withdraw", "Withdraw", "Its author withdraws the request."),
  listVersions: {
    method: "GET",
    path: "/admin/v1/versions",
    tag: "Rule versions",
    summary: "List versions",
    description: "Every version, newest first, and which is active.",
    response: { description: "The versions" },
    problems: reads,
    access: EDITOR,
  },
  getVersion: {
    method: "GET",
    path: "/admin/v1/versions/{version}",
    tag: "Rule versions",
    summary: "Show a version",
    description: "A published version's rules, once they pass the function's own checks.",
    response: { description: "The version and its rules" },
    problems: ofOne,
    access: EDITOR,
  },
  diffVersions: {
    method: "GET",
    path: "/admin/v1/versions/{version}/diff/{other}",
    tag: "Rule versions",
    summary: "Compare two versions",
    description: "Rules added, removed and changed, field by field, from `version` to `other`.",
    response: { description: "The differences" },
    problems: ofOne,
    access: EDITOR,
  },
  getAuditTrail: {
    method: "GET",
    path: "/admin/v1/audit",
    tag: "Rule versions",
    summary: "Read the audit trail",
    description: "Every change to the rules, newest first, each signed and chained.",
    response: { description: "The audit trail" },
    problems: reads,
    access: EDITOR,
  },
  rollBack: {
    method: "POST",
    path: "/admin/v1/rollback",
    tag: "Rule versions",
    summary: "Roll back",
    description:
      "Makes an earlier version active again. Refused when it would change answers for past dates of service.",
    request: rollbackSchema,
    response: { description: "The version active now" },
    problems: steps,
    access: APPROVER,
  },
  revokeVersion: {
    method: "POST",
    path: "/admin/v1/versions/{version}/revoke",
    tag: "Rule versions",
    summary: "Revoke a version",
    description: "Revokes a version that is not active: it is never served again, even pinned.",
    request: revocationSchema,
    response: { description: "The version as revoked" },
    problems: steps,
    access: APPROVER,
  },
} as const satisfies Record<string, Route>;
