/**
 * The typed client of the code-rules API (`code-rules/client`): types generated from the OpenAPI
 * document, requests through openapi-fetch, optional SigV4 signing, and refusals as typed values.
 * docs/calling-the-api.md walks through it.
 */
import createClient from "openapi-fetch";
import { CodeRulesClientError, messageOf } from "./client-error.js";
import { type components, OPERATIONS, type paths } from "./openapi-types.js";
import { type FetchedAnswer, type Outcome, outcomeOf } from "./outcome.js";
import type { BatchRequest, CheckBatchRequest, CheckRequest, SelectRequest } from "./requests.js";
import { type SigningOptions, sigV4 } from "./sigv4.js";

export { type ClientErrorKind, CodeRulesClientError } from "./client-error.js";
export type { Answered, Outcome, RefusedByApi, RefusedByGateway } from "./outcome.js";
export {
  type GatewayMessage,
  isProblem,
  type Problem,
  type ProblemKind,
  type ProblemOf,
} from "./problem.js";
export type { BatchRequest, CheckBatchRequest, CheckRequest, SelectRequest } from "./requests.js";
export type { AwsCredentials, SigningOptions } from "./sigv4.js";
export type { components, paths };

type Schemas = components["schemas"];
export type Selection = Schemas["Selection"];
export type BatchResponse = Schemas["BatchResponse"];
/** One item's result: narrow on `status === 200` for its `selection`, else its `problem`. */
export type BatchResult = BatchResponse["results"][number];
export type CodeCheck = Schemas["CodeCheck"];
export type CheckBatchResponse = Schemas["CheckBatchResponse"];
/** One item's result: narrow on `status === 200` for its `check`, else its `problem`. */
export type CheckBatchResult = CheckBatchResponse["results"][number];
export type Procedures = Schemas["Procedures"];
export type RuleVersion = Schemas["RuleVersion"];
export type Health = Schemas["Health"];

export interface ClientOptions {
  /** The API's URL: `http://127.0.0.1:3000` for `npm start`, the stack's ApiUrl once deployed. */
  readonly baseUrl: string;
  /** Signs every request with SigV4, as the deployed API requires; `true` uses the defaults. */
  readonly sign?: boolean | SigningOptions;
  /** The fetch to send with; the global one when left out. */
  readonly fetch?: (request: Request) => Promise<Response>;
}

// Every way a call can fail to get an answer becomes one CodeRulesClientError: the signer's are
// already, the fetch's are sent through `sent` below, and only a 2xx body that is not JSON is left.
const asClientError = (error: unknown): CodeRulesClientError =>
  error instanceof CodeRulesClientError
    ? error
    : new CodeRulesClientError(
        error instanceof SyntaxError ? "unreadable-answer" : "network",
        `no answer from the API: ${messageOf(error)}`,
        { cause: error },
      );

// The answer's type is openapi-fetch's for the operation's 200, as generated from the contract.
const answered = <R extends FetchedAnswer>(
  call: Promise<R>,
): Promise<Outcome<NonNullable<R["data"]>>> =>
  call.then(outcomeOf<NonNullable<R["data"]>>, (error: unknown) => {
    throw asClientError(error);
  });

const sentWith =
  (send: ClientOptions["fetch"]) =>
  (request: Request): Promise<Response> =>
    (send ?? globalThis.fetch)(request).catch((error: unknown) => {
      throw new CodeRulesClientError(
        "network",
        `${request.method} ${request.url} was not answered: ${messageOf(error)}`,
        { cause: error },
      );
    });

export type CodeRulesClient = ReturnType<typeof createCodeRulesClient>;

/**
 * A client of the API at `baseUrl`. Every method resolves to an {@link Outcome}: the answer, or
 * the refusal (the API's problem, or a gateway's message), never thrown.
 * @throws {CodeRulesClientError} `region`, at once, when `sign` is set and the Region cannot be
 * told. Each method's promise rejects, with a {@link CodeRulesClientError} only, when no answer
 * came: `credentials` (a signed call found none), `network`, or `unreadable-answer`.
 */
export const createCodeRulesClient = (options: ClientOptions) => {
  const http = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ""),
    fetch: sentWith(options.fetch),
  });
  if (options.sign) http.use(sigV4(options.baseUrl, options.sign === true ? {} : options.sign));
  return {
    /** The code for one procedure, date of service and date of birth or age. */
    select: (body: SelectRequest) => answered(http.POST(OPERATIONS.selectCode.path, { body })),
    /** Up to 100 selections; each item answers on its own, with its own status. */
    selectBatch: (body: BatchRequest) => answered(http.POST(OPERATIONS.selectCodes.path, { body })),
    /** Whether a billed code is the one the rules select for the patient's age. */
    check: (body: CheckRequest) => answered(http.POST(OPERATIONS.checkCode.path, { body })),
    /** Up to 100 checks; each item answers on its own, with its own status. */
    checkBatch: (body: CheckBatchRequest) =>
      answered(http.POST(OPERATIONS.checkCodes.path, { body })),
    procedures: () => answered(http.GET(OPERATIONS.listProcedures.path)),
    activeVersion: () => answered(http.GET(OPERATIONS.getActiveVersion.path)),
    health: () => answered(http.GET(OPERATIONS.getHealth.path)),
    /**
     * The openapi-fetch client itself, for anything the methods above do not cover; it resolves
     * as openapi-fetch does, and rejects with a {@link CodeRulesClientError} on a network failure.
     */
    http,
  };
};
