import { readFile } from "node:fs/promises";
import type { Answer } from "../../http/answer.js";
import { type Answers, type ApiHandler, createApi } from "../../http/app.js";
import { CALLER_ROUTES } from "../../http/caller-routes.js";
import { OPENAPI_FILE } from "../../http/openapi-file.js";
import { batchRequestSchema, checkBatchRequestSchema } from "../../http/request-schemas.js";
import type { CallerOperationId } from "../../http/routes.js";
import type { ApiDeps } from "./api-deps.js";
import { answerBatchOf } from "./batch-route.js";
import { answerCheck, checkRoute } from "./check-route.js";
import { answerHealth, answerProcedures, answerRulesInfo } from "./info-routes.js";
import { answerSelect, selectRoute } from "./select-route.js";

// Read on first request, not imported: a document in the code would be parsed by every cold start
// (and generating it would bundle zod's JSON Schema generator).
let openApiDocument: unknown;
const answerOpenApi = async (): Promise<Answer> => {
  openApiDocument ??= JSON.parse(await readFile(OPENAPI_FILE, "utf8"));
  return { status: 200, body: openApiDocument };
};

const selectBatch = answerBatchOf(selectRoute, batchRequestSchema, "selection");
const checkBatch = answerBatchOf(checkRoute, checkBatchRequestSchema, "check");

/** The selection function's answers: every route tools call, and none of the studio's. */
export const CALLER_ANSWERS: Answers<CallerOperationId, ApiDeps> = {
  selectCode: ({ body }, deps) => answerSelect(body, deps),
  selectCodes: ({ body }, deps) => selectBatch(body, deps),
  checkCode: ({ body }, deps) => answerCheck(body, deps),
  checkCodes: ({ body }, deps) => checkBatch(body, deps),
  listProcedures: (_, deps) => answerProcedures(deps.rules),
  getActiveVersion: (_, deps) => answerRulesInfo(deps.rules),
  getHealth: (_, deps) => answerHealth(deps.rules),
  getOpenApiDocument: answerOpenApi,
};

/** The selection function's HTTP API. */
export const selectionApi = (deps: ApiDeps): ApiHandler =>
  createApi(CALLER_ROUTES, CALLER_ANSWERS, deps);
