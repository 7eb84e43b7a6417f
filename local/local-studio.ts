import { Logger } from "@aws-lambda-powertools/logger";
import { createAdminService } from "../admin/api/admin-service.js";
import { adminTelemetry } from "../admin/api/admin-telemetry.js";
import { DEFAULT_GROUPS_CLAIM, STUDIO_PATH } from "../admin/deploy/deploy-names.js";
import type { RuleStore } from "../admin/rule-store.js";
import { studioAssets } from "../studio/bundle.js";
import { jwtAuthorizer } from "./jwt-authorizer.js";
import type { LocalStudio } from "./local-routing.js";
import type { LocalUser } from "./local-users.js";

/** The studio on the local server, and the identity provider it signs in with. */
export interface RunningStudio extends LocalStudio {
  readonly url: string;
  readonly issuer: string;
  /** The studio's client id at the issuer: the audience of its tokens. */
  readonly clientId: string;
  readonly users: readonly LocalUser[];
  stop(): Promise<void>;
}

export interface LocalStudioOptions {
  /** The local server's own origin (`http://127.0.0.1:3000`): the page's address. */
  readonly origin: string;
  readonly store: RuleStore;
  /** Prints a log line per request of the studio's API, as the admin function does. */
  readonly logs: boolean;
}

const quiet = { info: () => undefined, error: () => undefined };

/**
 * The admin function's side of `npm start`: a local OpenID provider with two seeded people (an
 * editor, an approver) standing in for Cognito, and the admin function's own wiring behind it,
 * with the store the seed used. The provider is loaded only here: it is a tool of this machine's
 * runs, which the published test harness never starts.
 */
export const startLocalStudio = async (options: LocalStudioOptions): Promise<RunningStudio> => {
  const { startIdentityProvider } = await import("./identity-provider.js");
  const url = `${options.origin}${STUDIO_PATH}`;
  const loopbackAlias = url.replace("127.0.0.1", "localhost");
  const identity = await startIdentityProvider({
    port: 0,
    redirectUris: [url, loopbackAlias],
    postLogoutRedirectUris: [url, loopbackAlias],
  });
  const handle = createAdminService({
    store: options.store,
    groupsClaim: DEFAULT_GROUPS_CLAIM,
    signIn: { issuer: identity.issuer, clientId: identity.clientId, origins: [identity.issuer] },
    page: await studioAssets(),
    telemetry: adminTelemetry(
      options.logs ? new Logger({ serviceName: "code-rules-admin" }) : quiet,
    ),
  });
  return {
    url,
    issuer: identity.issuer,
    clientId: identity.clientId,
    users: identity.users,
    handle,
    authorize: jwtAuthorizer({ issuer: identity.issuer, audience: [identity.clientId] }),
    stop: () => identity.stop(),
  };
};
