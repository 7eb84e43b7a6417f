import { ADMIN_ROUTES } from "../../http/admin-routes.js";
import { type Answers, type ApiHandler, createApi } from "../../http/app.js";
import type { AdminOperationId } from "../../http/routes.js";
import type { AdminDeps } from "./admin-deps.js";
import { REQUEST_ANSWERS } from "./request-answers.js";
import { VERSION_ANSWERS } from "./version-answers.js";

/** The admin function's answers: every route of the studio's API, and none of the callers'. */
export const ADMIN_ANSWERS: Answers<AdminOperationId, AdminDeps> = {
  ...REQUEST_ANSWERS,
  ...VERSION_ANSWERS,
};

/** The admin function's HTTP API. */
export const adminApi = (deps: AdminDeps): ApiHandler =>
  createApi(ADMIN_ROUTES, ADMIN_ANSWERS, deps);
