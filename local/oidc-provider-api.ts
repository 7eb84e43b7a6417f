import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { JWK } from "jose";

/**
 * The part of oidc-provider (v9) the local identity provider uses, typed: the package ships no
 * types of its own. Each shape here is what its documentation and source say of it, no more.
 */

/** A person as the provider asks for them: their id and the claims it may put in a token. */
export interface OidcAccount {
  readonly accountId: string;
  claims(): Promise<Readonly<Record<string, unknown>>>;
}

/** What a person let a client have: here, always the scopes the studio asks for. */
export interface OidcGrant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

export interface OidcGrantModel {
  new (properties: { accountId: string; clientId: string }): OidcGrant;
  find(id: string): Promise<OidcGrant | undefined>;
}

/** The Koa context the provider hands its configuration's functions, as far as they read it. */
export interface OidcContext {
  type: string;
  body: string;
  set(field: string, value: string): void;
  readonly oidc: {
    readonly provider: { readonly Grant: OidcGrantModel };
    readonly client?: { readonly clientId: string };
    readonly session?: {
      readonly accountId?: string;
      grantIdFor(clientId: string): string | undefined;
    };
    readonly result?: { readonly consent?: { readonly grantId?: string } };
  };
}

export interface OidcClientMetadata {
  readonly client_id: string;
  readonly client_name: string;
  readonly application_type: "web";
  readonly token_endpoint_auth_method: "none";
  readonly grant_types: readonly string[];
  readonly response_types: readonly string[];
  readonly scope: string;
  readonly redirect_uris: readonly string[];
  readonly post_logout_redirect_uris: readonly string[];
}

/** The provider's configuration, as far as the local identity provider sets it. */
export interface OidcConfiguration {
  readonly adapter: (model: string) => unknown;
  readonly clients: readonly OidcClientMetadata[];
  readonly jwks: { readonly keys: readonly JWK[] };
  readonly cookies: {
    readonly keys: readonly string[];
    readonly names: {
      readonly session: string;
      readonly interaction: string;
      readonly resume: string;
    };
  };
  readonly claims: Readonly<Record<string, readonly string[]>>;
  readonly conformIdTokenClaims: boolean;
  readonly scopes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly clientAuthMethods: readonly string[];
  readonly pkce: { readonly required: () => boolean };
  readonly ttl: Readonly<Record<string, number>>;
  readonly features: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly interactions: {
    readonly url: (ctx: OidcContext, interaction: { uid: string }) => string;
  };
  readonly findAccount: (ctx: OidcContext, sub: string) => Promise<OidcAccount | undefined>;
  readonly loadExistingGrant: (ctx: OidcContext) => Promise<OidcGrant | undefined>;
  readonly clientBasedCORS: (ctx: OidcContext, origin: string) => boolean;
  readonly renderError: (
    ctx: OidcContext,
    out: Readonly<Record<string, string | undefined>>,
  ) => Promise<void>;
}

/** Where a sign-in stands, as the interaction's cookie names it. */
export interface OidcInteraction {
  readonly uid: string;
  readonly prompt: { readonly name: string };
}

export interface OidcProvider {
  readonly Grant: OidcGrantModel;
  /** The provider as a Node request listener. */
  callback(): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** The interaction a request's cookies name; rejects when they name none. */
  interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<OidcInteraction>;
  /** Records the interaction's outcome and redirects the browser back to the authorization. */
  interactionFinished(
    request: IncomingMessage,
    response: ServerResponse,
    result: { readonly login: { readonly accountId: string } },
    options: { readonly mergeWithLastSubmission: boolean },
  ): Promise<void>;
}

const require = createRequire(import.meta.url);

export const { Provider } = require("oidc-provider") as {
  Provider: new (issuer: string, configuration: OidcConfiguration) => OidcProvider;
};

/**
 * The provider's own in-memory adapter, with a store of its own for each provider started.
 * Leaving `adapter` out gives the same adapter on one store the whole process shares (two
 * providers in one test run would see each other's sessions), and a warning on every start.
 */
export const { createMemoryAdapter } = require("oidc-provider/lib/adapters/memory_adapter.js") as {
  createMemoryAdapter: () => (model: string) => unknown;
};
