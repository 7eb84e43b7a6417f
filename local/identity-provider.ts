import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, isIP } from "node:net";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { DEFAULT_GROUPS_CLAIM } from "../admin/deploy/deploy-names.js";
import { findLocalUser, LOCAL_USERS, type LocalUser } from "./local-users.js";
import {
  createMemoryAdapter,
  type OidcAccount,
  type OidcConfiguration,
  type OidcContext,
  type OidcGrant,
  type OidcProvider,
  Provider,
} from "./oidc-provider-api.js";
import { answerInteraction, INTERACTION_PATH } from "./sign-in-interaction.js";
import {
  messagePage,
  pageHeaders,
  STYLESHEET,
  STYLESHEET_PATH,
  signOutPage,
} from "./sign-in-page.js";

/** The studio's client id at the local provider (deployed, Cognito makes up its own). */
export const LOCAL_STUDIO_CLIENT_ID = "code-rules-studio";

/** How long an ID token is good for: an hour, as Cognito's are unless told otherwise. */
export const DEFAULT_ID_TOKEN_TTL_SECONDS = 3600;

export interface IdentityProviderOptions {
  /** 0 takes a free port. */
  readonly port: number;
  /** 127.0.0.1 when absent; a loopback address or `localhost`, never another. */
  readonly host?: string;
  /** Where the studio may be sent back with a code; their origins may call the token endpoint. */
  readonly redirectUris: readonly string[];
  /** Where the studio may be sent after signing out. */
  readonly postLogoutRedirectUris?: readonly string[];
  readonly idTokenTtlSeconds?: number;
}

/**
 * An OpenID Connect provider on this machine that stands in for the organisation's (Cognito,
 * deployed) as DynamoDB Local stands in for DynamoDB: one public client, the studio, signing in
 * with the authorization code and PKCE, and the local users.
 */
export interface LocalIdentityProvider {
  /** `http://127.0.0.1:<port>`; its discovery document is at `/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly users: readonly LocalUser[];
  stop(): Promise<void>;
}

/** The names of the provider's cookies. Cookies keep to a host, not a port: these name their owner. */
const COOKIE_NAMES = {
  session: "local_idp_session",
  interaction: "local_idp_interaction",
  resume: "local_idp_resume",
};

/** How long a sign-in may take, and how long one lasts: as Cognito's managed sign-in, an hour. */
const SIGN_IN_SECONDS = 3600;

const isLoopback = (host: string): boolean =>
  host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));

/** A fresh RS256 key for each start: no token outlives the provider that signed it. */
const signingKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: "RS256", use: "sig" };
};

const account = (user: LocalUser): OidcAccount => ({
  accountId: user.username,
  claims: async () => ({
    sub: user.username,
    name: user.name,
    [DEFAULT_GROUPS_CLAIM]: [...user.groups],
  }),
});

/**
 * The grant a signed-in person gives the studio, without asking them: the studio is the
 * organisation's own client, as it is deployed (Cognito asks no one's consent either).
 */
const grantStudio = async (ctx: OidcContext): Promise<OidcGrant | undefined> => {
  const { client, session, result, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  if (existing) return existing;
  const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
  grant.addOIDCScope("openid profile");
  await grant.save();
  return grant;
};

const origins = (uris: readonly string[]): string[] => [
  ...new Set(uris.map((uri) => new URL(uri).origin)),
];

interface Settings {
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly idTokenTtlSeconds: number;
  readonly key: JWK;
}

const showPage = (ctx: OidcContext, html: string): void => {
  ctx.type = "html";
  ctx.body = html;
};

const configuration = (settings: Settings): OidcConfiguration => {
  const studioOrigins = new Set(origins(settings.redirectUris));
  return {
    adapter: createMemoryAdapter(),
    clients: [
      {
        client_id: LOCAL_STUDIO_CLIENT_ID,
        client_name: "code-rules studio",
        application_type: "web",
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code"],
        response_types: ["code"],
        scope: "openid profile",
        redirect_uris: settings.redirectUris,
        post_logout_redirect_uris: settings.postLogoutRedirectUris,
      },
    ],
    jwks: { keys: [settings.key] },
    cookies: { keys: [randomBytes(32).toString("base64url")], names: COOKIE_NAMES },
    // Cognito puts a person's groups in every ID token, whatever the scopes asked for.
    claims: { openid: ["sub", DEFAULT_GROUPS_CLAIM], profile: ["name"] },
    // Cognito's ID tokens carry the profile claims themselves; the admin API reads them there.
    conformIdTokenClaims: false,
    scopes: ["openid", "profile"],
    // What Cognito offers a public client: the code, for a client that holds no secret.
    responseTypes: ["code"],
    clientAuthMethods: ["none"],
    pkce: { required: () => true },
    ttl: {
      IdToken: settings.idTokenTtlSeconds,
      AccessToken: settings.idTokenTtlSeconds,
      AuthorizationCode: 60,
      Interaction: SIGN_IN_SECONDS,
      Session: SIGN_IN_SECONDS,
      Grant: SIGN_IN_SECONDS,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: OidcContext, form: string) => showPage(ctx, signOutPage(form)),
        postLogoutSuccessSource: async (ctx: OidcContext) =>
          showPage(ctx, messagePage("Signed out", "You are signed out of the local sign-in.")),
      },
    },
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const user = findLocalUser(sub);
      return user && account(user);
    },
    loadExistingGrant: grantStudio,
    // The studio's page exchanges its code with fetch, from the origin it is served on.
    clientBasedCORS: (_ctx, origin) => studioOrigins.has(origin),
    renderError: async (ctx, out) =>
      showPage(
        ctx,
        messagePage(
          "The sign-in cannot go on",
          out.error_description ?? out.error ?? "The local sign-in refused the request.",
        ),
      ),
  };
};

/** Host names no DNS record can point at another machine, as a page rebinding its own would. */
const LOOPBACK_HOST_HEADER = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

const refuseHost = (response: ServerResponse): void => {
  response.writeHead(421, { "content-type": "text/plain; charset=utf-8", connection: "close" });
  response.end("the local sign-in answers only requests for 127.0.0.1, localhost or [::1]\n");
};

const pathOf = (request: IncomingMessage): string =>
  new URL(request.url ?? "/", "http://127.0.0.1").pathname;

/** Every request: this machine's only, the pages' own files here, the rest to the provider. */
const listener = (provider: OidcProvider, formTargets: readonly string[]) => {
  const handOn = provider.callback();
  const headers = pageHeaders(formTargets);
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (!LOOPBACK_HOST_HEADER.test(request.headers.host ?? "")) return void refuseHost(response);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const path = pathOf(request);
    if (path === STYLESHEET_PATH) {
      response.writeHead(200, { "content-type": "text/css; charset=utf-8" });
      return void response.end(STYLESHEET);
    }
    // Browsers ask for one with every page: an answer keeps their consoles free of 404s.
    if (path === "/favicon.ico") return void response.writeHead(204).end();
    if (path.startsWith(INTERACTION_PATH))
      return void answerInteraction(provider, request, response);
    void handOn(request, response);
  };
};

const listen = (host: string, port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });

const stopping = (server: Server) => (): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    // A browser keeps its connection open for the next request; nothing will come on it.
    server.closeAllConnections();
  });

/**
 * Starts the local identity provider: a fresh signing key and fresh cookie keys each time, every
 * session in memory, listening on this machine only.
 */
export const startIdentityProvider = async (
  options: IdentityProviderOptions,
): Promise<LocalIdentityProvider> => {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host)) {
    throw new Error(
      `the local identity provider listens on this machine only (127.0.0.1, ::1 or localhost), not on ${host}`,
    );
  }
  const key = await signingKey();
  const server = await listen(host, options.port);
  const stop = stopping(server);
  try {
    const { port } = server.address() as AddressInfo;
    const issuer = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    const postLogoutRedirectUris = options.postLogoutRedirectUris ?? [];
    const provider = new Provider(
      issuer,
      configuration({
        redirectUris: options.redirectUris,
        postLogoutRedirectUris,
        idTokenTtlSeconds: options.idTokenTtlSeconds ?? DEFAULT_ID_TOKEN_TTL_SECONDS,
        key,
      }),
    );
    const formTargets = origins([...options.redirectUris, ...postLogoutRedirectUris]);
    server.on("request", listener(provider, formTargets));
    return { issuer, clientId: LOCAL_STUDIO_CLIENT_ID, users: LOCAL_USERS, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
