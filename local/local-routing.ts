import { isPagePath } from "../admin/api/studio-page.js";
import type { ApiHandler } from "../http/app.js";
import { withJwtClaims } from "./api-gateway-event.js";
import { type JwtAuthorizer, unauthorized } from "./jwt-authorizer.js";

/** The prefix of the studio's routes, which API Gateway's JWT authorizer guards when deployed. */
const ADMIN_PREFIX = "/admin/";

/** The admin function's side of the local server: its handler and the token check before it. */
export interface LocalStudio {
  readonly handle: ApiHandler;
  readonly authorize: JwtAuthorizer;
}

/**
 * Routes each request as the stack's API Gateway does: the studio page to the admin function
 * without a token; the studio's API to it only with a token the JWT authorizer accepts, its claims
 * handed on in `requestContext.authorizer.jwt`; every other path to the selection function.
 */
export const routeLocally =
  (
    selection: ApiHandler,
    studio: LocalStudio | undefined,
    report: (reason: string) => void,
  ): ApiHandler =>
  async (event) => {
    if (!studio || !(isPagePath(event.rawPath) || event.rawPath.startsWith(ADMIN_PREFIX)))
      return selection(event);
    if (isPagePath(event.rawPath)) return studio.handle(event);
    const checked = await studio.authorize(event.headers.authorization);
    if (!checked.ok) {
      report(`${event.requestContext.http.method} ${event.rawPath}: 401, ${checked.reason}`);
      return unauthorized(checked.reason);
    }
    return studio.handle(withJwtClaims(event, checked.claims));
  };
