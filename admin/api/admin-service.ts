import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { utcDateOf } from "../../core/calendar-date.js";
import type { Telemetry } from "../../http/telemetry.js";
import type { RuleStore } from "../rule-store.js";
import { adminApi } from "./admin-answers.js";
import { isPagePath, type PageFile, type SignIn, studioPage } from "./studio-page.js";

export interface AdminServiceConfig {
  /** The store every change goes through: signing with the function's key, keeping audit heads. */
  readonly store: RuleStore;
  readonly groupsClaim: string;
  readonly signIn: SignIn;
  readonly page: ReadonlyMap<string, PageFile>;
  readonly telemetry: Telemetry;
}

export type AdminHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The admin function's composition root: the studio page and the studio's API, the same wiring
 * for Lambda and for `npm start`.
 */
export const createAdminService = (config: AdminServiceConfig): AdminHandler => {
  const api = adminApi({
    store: config.store,
    groupsClaim: config.groupsClaim,
    telemetry: config.telemetry,
    today: () => utcDateOf(new Date()),
    now: () => performance.now(),
  });
  const page = studioPage(config.page, config.signIn);
  return async (event) => (isPagePath(event.rawPath) ? page(event) : api(event));
};
