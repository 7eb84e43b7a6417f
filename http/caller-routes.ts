import { PROBLEM_TYPES } from "./problem-types.js";
import {
  batchRequestSchema,
  checkBatchRequestSchema,
  checkRequestSchema,
  MAX_BATCH_ITEMS,
  MAX_BODY_BYTES,
  selectRequestSchema,
} from "./request-schemas.js";
import { everyRoute, type ProblemDocs, type Route } from "./route.js";

const IAM = { kind: "iam" } as const;

const unavailable = PROBLEM_TYPES["rules-unavailable"].meaning;

const selectProblems: ProblemDocs = {
  ...everyRoute,
  400: "Malformed JSON or invalid fields; `errors` lists each field",
  404: "Unknown procedure, or a pinned rule version never published or revoked",
  413: `Body over ${MAX_BODY_BYTES / 1024} KiB, or a batch of more than ${MAX_BATCH_ITEMS} items`,
  422: "No rule in effect on the date of service, an age or gestational age that leaves the code open (`decidingInputs` names the fields that decide, `decidingUnit` the unit of age), a procedure with no code at this age (`codesByAge` lists its codes and their ages), or a pinned version that cannot be served",
  503: unavailable,
};

const checkProblems: ProblemDocs = {
  ...selectProblems,
  404: "Unknown code (no rule has it, or not the procedure named), procedure or pinned rule version",
};

// A batch answers an item's 404 or 422 inside its 200, as that item's own status; the batch itself
// is refused only for its body, or when no item could be answered.
const batchProblems: ProblemDocs = {
  ...everyRoute,
  400: "Malformed JSON, or no `items` (or an empty list); each item's own invalid fields answer in its result",
  413: selectProblems[413],
  503: `${unavailable}: no item of the batch could be answered (each item's own 503 otherwise)`,
};

const readProblems: ProblemDocs = { ...everyRoute, 503: unavailable };

/** The routes tools call with IAM: the selection function answers them. */
export const CALLER_ROUTES = {
  selectCode: {
    method: "POST",
    path: "/v1/select",
    tag: "Select",
    summary: "Select a code",
    description:
      "Selects the code whose age band holds the patient's age on the date of service, from the active rule version (or the one `ruleVersion` pins), and says why. Give the date of birth, or the age (`age`) when the date of birth is not known: an age that stands for patients on both sides of a band edge is refused with 422 `ambiguous-age`, never guessed, and `decidingInputs` names what would decide. `gestationalAgeAtBirth` decides only for the procedures whose rules count age from conception.",
    request: selectRequestSchema,
    response: { schema: "Selection", description: "The selected code and why" },
    problems: selectProblems,
    access: IAM,
  },
  selectCodes: {
    method: "POST",
    path: "/v1/select/batch",
    tag: "Select",
    summary: "Select codes in a batch",
    description: `Up to ${MAX_BATCH_ITEMS} select requests in one call, answered in order. Each item answers on its own, with its own \`status\`: 200 with its \`selection\`, or a problem, so one bad item never fails the others. The batch answers 200 unless its body is refused, or every item is a 503.`,
    request: batchRequestSchema,
    response: { schema: "BatchResponse", description: "One result per item, in order" },
    problems: batchProblems,
    access: IAM,
  },
  checkCode: {
    method: "POST",
    path: "/v1/check",
    tag: "Check",
    summary: "Check a billed code",
    description:
      "Check a billed code against the patient's age on the date of service, the age edit payers run on claims: selects for each procedure the code belongs to (or the one `procedure` names) and answers whether the billed code is among the codes selected. `expected` lists those codes by band, youngest first, then by code.",
    request: checkRequestSchema,
    response: { schema: "CodeCheck", description: "Whether the code is consistent, and why" },
    problems: checkProblems,
    access: IAM,
  },
  checkCodes: {
    method: "POST",
    path: "/v1/check/batch",
    tag: "Check",
    summary: "Check billed codes in a batch",
    description: `Up to ${MAX_BATCH_ITEMS} check requests in one call, answered in order. Each item answers on its own, with its own \`status\`: 200 with its \`check\`, or a problem, so one bad claim line never fails the others. The batch answers 200 unless its body is refused, or every item is a 503.`,
    request: checkBatchRequestSchema,
    response: { schema: "CheckBatchResponse", description: "One result per item, in order" },
    problems: batchProblems,
    access: IAM,
  },
  listProcedures: {
    method: "GET",
    path: "/v1/procedures",
    tag: "Rules",
    summary: "List procedures",
    description:
      "Every procedure of the active rule version with its rules: codes, texts, age bands (and any limit on gestational age or age from conception) and effective periods. What a tool needs to build a picker.",
    response: { schema: "Procedures", description: "The active version's procedures" },
    problems: readProblems,
    access: IAM,
  },
  getActiveVersion: {
    method: "GET",
    path: "/v1/rules",
    tag: "Rules",
    summary: "Get the active rule version",
    description:
      "The active rule version's number, when it was published, by whom and why, and how many rules it holds.",
    response: { schema: "RuleVersion", description: "The active version" },
    problems: readProblems,
    access: IAM,
  },
  getHealth: {
    method: "GET",
    path: "/health",
    tag: "Service",
    summary: "Check health",
    description:
      "200 with the active version and its rule count while a good version with rules is loaded (`stale` when the rules store cannot be reached and the last good version answers), 503 otherwise.",
    response: { schema: "Health", description: "Serving" },
    problems: readProblems,
    access: IAM,
  },
  getOpenApiDocument: {
    method: "GET",
    path: "/openapi.json",
    tag: "Service",
    summary: "Get the OpenAPI document",
    description: "This document, as JSON: the contract every answer is tested against.",
    response: { description: "The OpenAPI document" },
    problems: everyRoute,
    access: IAM,
  },
} as const satisfies Record<string, Route>;
