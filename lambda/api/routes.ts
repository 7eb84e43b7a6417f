import { readFile } from "node:fs/promises";
import type * as z from "../../core/zod.js";
import type { Answer } from "./answer.js";
import type { ApiDeps } from "./api-deps.js";
import { answerBatchOf } from "./batch-route.js";
import { answerCheck, checkRoute } from "./check-route.js";
import { answerHealth, answerProcedures, answerRulesInfo } from "./info-routes.js";
import { OPENAPI_FILE } from "./openapi-file.js";
import { PROBLEM_TYPES } from "./problem-types.js";
import {
  batchRequestSchema,
  checkBatchRequestSchema,
  checkRequestSchema,
  MAX_BATCH_ITEMS,
  MAX_BODY_BYTES,
  selectRequestSchema,
} from "./request-schemas.js";
import {
  batchResponseSchema,
  checkBatchResponseSchema,
  codeCheckSchema,
  healthSchema,
  proceduresResponseSchema,
  rulesInfoSchema,
  selectionSchema,
} from "./response-schemas.js";
import { answerSelect, selectRoute } from "./select-route.js";

/** A problem status a route may answer, with what it means there. */
export type ProblemDocs = Readonly<
  Partial<Record<400 | 404 | 405 | 413 | 422 | 500 | 503, string>>
>;

/** One route: everything the handler, the OpenAPI document and the stack's API Gateway need. */
export interface Route {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly summary: string;
  /** The JSON body's schema; POST routes only. */
  readonly request?: z.ZodMiniType;
  /** The 200 answer's schema (a registered component), or none for a document of its own. */
  readonly response: { readonly schema?: z.ZodMiniType; readonly description: string };
  readonly problems: ProblemDocs;
  readonly answer: (body: unknown, deps: ApiDeps) => Promise<Answer>;
}

// What the app answers for any route (lambda/api/app.ts).
const everyRoute: ProblemDocs = {
  405: "The path answers another method; the Allow header lists it",
  500: PROBLEM_TYPES.internal.meaning,
};
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

const batchOutage = `${unavailable}: no item of the batch could be answered (each item's own 503 otherwise)`;
const batchProblems: ProblemDocs = { ...selectProblems, 503: batchOutage };
const checkBatchProblems: ProblemDocs = { ...checkProblems, 503: batchOutage };

const readProblems: ProblemDocs = { ...everyRoute, 503: unavailable };

// Read on first request, not imported: a document in the code would be parsed by every cold start
// (and generating it would bundle zod's JSON Schema generator).
let openApiDocument: unknown;
const answerOpenApi = async (): Promise<Answer> => {
  openApiDocument ??= JSON.parse(await readFile(OPENAPI_FILE, "utf8"));
  return { status: 200, body: openApiDocument };
};

/**
 * Every route of the API, keyed by operation id: the handler routes by it, the OpenAPI document is
 * generated from it, and the stack creates API Gateway's routes from that document. Adding a
 * route is one entry here.
 */
export const ROUTES = {
  selectCode: {
    method: "POST",
    path: "/v1/select",
    summary: "Select the code for one procedure, date of service and date of birth or age",
    request: selectRequestSchema,
    response: { schema: selectionSchema, description: "The selected code and why" },
    problems: selectProblems,
    answer: answerSelect,
  },
  selectCodes: {
    method: "POST",
    path: "/v1/select/batch",
    summary: `Select codes for up to ${MAX_BATCH_ITEMS} requests; each item answers on its own`,
    request: batchRequestSchema,
    response: { schema: batchResponseSchema, description: "One result per item, in order" },
    problems: batchProblems,
    answer: answerBatchOf(selectRoute, batchRequestSchema, "selection"),
  },
  checkCode: {
    method: "POST",
    path: "/v1/check",
    summary:
      "Check a billed code against the patient's age on the date of service, the age edit payers run on claims",
    request: checkRequestSchema,
    response: { schema: codeCheckSchema, description: "Whether the code is consistent, and why" },
    problems: checkProblems,
    answer: answerCheck,
  },
  checkCodes: {
    method: "POST",
    path: "/v1/check/batch",
    summary: `Check up to ${MAX_BATCH_ITEMS} billed codes; each item answers on its own`,
    request: checkBatchRequestSchema,
    response: { schema: checkBatchResponseSchema, description: "One result per item, in order" },
    problems: checkBatchProblems,
    answer: answerBatchOf(checkRoute, checkBatchRequestSchema, "check"),
  },
  listProcedures: {
    method: "GET",
    path: "/v1/procedures",
    summary: "Procedures of the active version, with bands, codes, texts and effective periods",
    response: { schema: proceduresResponseSchema, description: "The active version's procedures" },
    problems: readProblems,
    answer: (_, deps) => answerProcedures(deps.rules),
  },
  getActiveVersion: {
    method: "GET",
    path: "/v1/rules",
    summary: "The active rule version's number, publish time and message",
    response: { schema: rulesInfoSchema, description: "The active version" },
    problems: readProblems,
    answer: (_, deps) => answerRulesInfo(deps.rules),
  },
  getHealth: {
    method: "GET",
    path: "/health",
    summary:
      "200 with the active version and its rule count while a good version with rules is loaded (possibly stale), 503 otherwise",
    response: { schema: healthSchema, description: "Serving" },
    problems: readProblems,
    answer: (_, deps) => answerHealth(deps.rules),
  },
  getOpenApiDocument: {
    method: "GET",
    path: "/openapi.json",
    summary: "This document",
    response: { description: "The OpenAPI document" },
    problems: everyRoute,
    answer: answerOpenApi,
  },
} as const satisfies Record<string, Route>;
