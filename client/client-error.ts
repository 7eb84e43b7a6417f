/**
 * Why a call threw instead of answering. The API's refusals never throw (they are outcomes); these
 * are the cases where there is no answer to give:
 * - `region`: `sign` is set and the Region is in neither the URL, `sign.region` nor AWS_REGION
 *   (thrown by `createCodeRulesClient` itself, before any call);
 * - `credentials`: a signed call found no AWS credentials to sign with (the standard chain found
 *   none, a profile's SSO session expired, or the `credentials` function threw);
 * - `network`: the request was not answered: the name did not resolve, the connection was refused
 *   or reset, TLS failed, or the answer was cut off;
 * - `unreadable-answer`: a 2xx answer whose body is empty or not JSON, which the API never sends
 *   (a proxy's page, or a base URL that is not the API).
 */
export type ClientErrorKind = "region" | "credentials" | "network" | "unreadable-answer";

/** The only error the client throws; `kind` says which case, `cause` carries the original error. */
export class CodeRulesClientError extends Error {
  override readonly name = "CodeRulesClientError";
  readonly kind: ClientErrorKind;

  constructor(kind: ClientErrorKind, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

/** The message of whatever was thrown, for a sentence of our own. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
