/**
 * The typed client of the code-rules API (`code-rules/client`): types generated from the OpenAPI
 * document, requests through openapi-fetch, optional SigV4 signing, and refusals as typed values.
 */
import createClient from "openapi-fetch";
import { type components, OPERATIONS, type paths } from "./openapi-types.js";
import { type SigningOptions, sigV4 } from "./sigv4.js";

export type { AwsCredentials, SigningOptions } from "./sigv4.js";
export type { components, paths };

type Schemas = components["schemas"];
export type SelectRequest = Schemas["SelectRequest"];
export type Selection = Schemas["Selection"];
export type BatchRequest = Schemas["BatchRequest"];
export type BatchResponse = Schemas["BatchResponse"];
export type CheckRequest = Schemas["CheckRequest"];
export type CodeCheck = Schemas["CodeCheck"];
export type CheckBatchRequest = Schemas["CheckBatchRequest"];
export type CheckBatchResponse = Schemas["CheckBatchResponse"];
export type Procedures = Schemas["Procedures"];
export type RuleVersion = Schemas["RuleVersion"];
export type Health = Schemas["Health"];
/** An RFC 9457 problem the API answers; `type` is one of the URNs the contract lists. */
export type Problem = Schemas["Problem"];
/** What API Gateway answers on its own: 403 unsigned or not allowed, 429 throttled. */
export type GatewayMessage = Schemas["GatewayMessage"];

/** A call's outcome: the answer, or the refusal, never thrown; only a network failure throws. */
export type Outcome<T> =
  | { readonly ok: true; readonly status: number; readonly value: T }
  | { readonly ok: false; readonly status: number; readonly problem: Problem | GatewayMessage };

export interface ClientOptions {
  /** The API's URL: `http://127.0.0.1:3000` for `npm start`, the stack's ApiUrl once deployed. */
  readonly baseUrl: string;
  /** Signs every request with SigV4, as the deployed API requires; `true` uses the defaults. */
  readonly sign?: boolean | SigningOptions;
  /** The fetch to send with; the global one when left out. */
  readonly fetch?: (request: Request) => Promise<Response>;
}

interface Answered {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

const outcome = async <R extends Answered>(
  call: Promise<R>,
): Promise<Outcome<NonNullable<R["data"]>>> => {
  const { data, error, response } = await call;
  return error === undefined
    ? { ok: true, status: response.status, value: data as NonNullable<R["data"]> }
    : { ok: false, status: response.status, problem: error as Problem | GatewayMessage };
};

export type CodeRulesClient = ReturnType<typeof createCodeRulesClient>;

export const createCodeRulesClient = (options: ClientOptions) => {
  const http = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ""),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.sign) http.use(sigV4(options.baseUrl, options.sign === true ? {} : options.sign));
  return {
    /** The code for one procedure, date of service and date of birth or age. */
    select: (body: SelectRequest) => outcome(http.POST(OPERATIONS.selectCode.path, { body })),
    selectBatch: (body: BatchRequest) => outcome(http.POST(OPERATIONS.selectCodes.path, { body })),
    /** Whether a billed code is the one the rules select for the patient's age. */
    check: (body: CheckRequest) => outcome(http.POST(OPERATIONS.checkCode.path, { body })),
    checkBatch: (body: CheckBatchRequest) =>
      outcome(http.POST(OPERATIONS.checkCodes.path, { body })),
    procedures: () => outcome(http.GET(OPERATIONS.listProcedures.path)),
    activeVersion: () => outcome(http.GET(OPERATIONS.getActiveVersion.path)),
    health: () => outcome(http.GET(OPERATIONS.getHealth.path)),
    /** The openapi-fetch client itself, for anything the methods above do not cover. */
    http,
  };
};
