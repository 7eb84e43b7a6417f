import type { Middleware } from "openapi-fetch";
import { CodeRulesClientError, messageOf } from "./client-error.js";

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface SigningOptions {
  /** The API's Region; read from an execute-api URL, or AWS_REGION, when left out. */
  readonly region?: string;
  /** Left out, the standard AWS chain finds them (environment, profile, SSO, container, instance). */
  readonly credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
}

const EXECUTE_API_HOST = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/;

/** The Region an API's URL names, else AWS_REGION; refuses to guess beyond that. */
const regionOf = (baseUrl: string, region?: string): string => {
  const found =
    region ?? EXECUTE_API_HOST.exec(new URL(baseUrl).hostname)?.[1] ?? process.env.AWS_REGION;
  if (!found) {
    throw new CodeRulesClientError(
      "region",
      `cannot tell the Region of ${baseUrl}: pass sign: { region } or set AWS_REGION`,
    );
  }
  return found;
};

/**
 * Signs every request with AWS Signature Version 4 for `execute-api`, as API Gateway's IAM
 * authorization requires, with the SDK's own signer. The signer and the credential chain load on
 * the first request, so an unsigned client never loads them.
 * @throws {CodeRulesClientError} `region` at once when the Region cannot be told; `credentials`
 * from a call when no credentials can be found to sign it with.
 */
export const sigV4 = (baseUrl: string, options: SigningOptions): Middleware => {
  const region = regionOf(baseUrl, options.region);
  let signer: Promise<Signer> | undefined;
  const load = async () => {
    const [{ SignatureV4 }, { Hash }] = await Promise.all([
      import("@smithy/signature-v4"),
      import("@smithy/hash-node"),
    ]);
    const credentials =
      options.credentials ?? (await import("@aws-sdk/credential-provider-node")).defaultProvider();
    return new SignatureV4({
      service: "execute-api",
      region,
      credentials,
      sha256: Hash.bind(null, "sha256"),
    });
  };
  return {
    async onRequest({ request }) {
      signer ??= load();
      const url = new URL(request.url);
      const body = request.body ? await request.clone().text() : undefined;
      const headers = Object.fromEntries(request.headers);
      const loaded = signer;
      const signed = await signing(async () =>
        (await loaded).sign({
          method: request.method,
          protocol: url.protocol,
          hostname: url.hostname,
          ...(url.port ? { port: Number(url.port) } : {}),
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: { ...headers, host: url.host },
          body,
        }),
      );
      // fetch sends the host itself, the very value signed.
      const { host: _, ...send } = signed.headers;
      return new Request(request.url, { method: request.method, headers: send, body });
    },
  };
};

type Signer = import("@smithy/signature-v4").SignatureV4;

// The credentials resolve as the request is signed: that is where a missing profile shows, as
// does a signing module an install left out.
const signing = async <T>(sign: () => Promise<T>): Promise<T> => {
  try {
    return await sign();
  } catch (error) {
    throw new CodeRulesClientError(
      "credentials",
      `cannot sign the request: ${messageOf(error)} (give the standard AWS chain credentials, or pass sign: { credentials })`,
      { cause: error },
    );
  }
};
