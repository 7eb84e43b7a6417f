import { ADMIN_ROUTES } from "./admin-routes.js";
import { CALLER_ROUTES } from "./caller-routes.js";
import type { Route } from "./route.js";

/**
 * Every route, keyed by operation id: each function answers its own (the selection function the
 * callers', the admin function the studio's), the OpenAPI document is generated from it, and the
 * stack creates API Gateway's routes and authorizers from that document. Adding a route is one
 * entry in one of the two tables.
 */
export const ROUTES = { ...CALLER_ROUTES, ...ADMIN_ROUTES } as const satisfies Record<
  string,
  Route
>;

/** An operation's id: its key in {@link ROUTES}. */
export type OperationId = keyof typeof ROUTES;
export type CallerOperationId = keyof typeof CALLER_ROUTES;
export type AdminOperationId = keyof typeof ADMIN_ROUTES;
