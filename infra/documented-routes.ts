import { readFileSync } from "node:fs";
import { HttpMethod } from "aws-cdk-lib/aws-apigatewayv2";

/**
 * Who a route is for, as its OpenAPI `security` says: tools that sign with SigV4 call the
 * selection function; people signed in to the studio call the admin function.
 */
export type RouteAccess = "caller" | "admin";

/** The security scheme each access is documented with. */
const ACCESS_BY_SCHEME: Readonly<Record<string, RouteAccess>> = {
  sigv4: "caller",
  signIn: "admin",
};
/** Where the admin routes are, and only they. */
export const ADMIN_PATH_PREFIX = "/admin/v1/";

export interface DocumentedRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: RouteAccess;
}

type SecurityRequirements = readonly Readonly<Record<string, readonly string[]>>[];
interface Operation {
  readonly security?: SecurityRequirements;
}
interface OpenApiDocument {
  readonly security?: SecurityRequirements;
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const METHODS = new Map(
  Object.values(HttpMethod)
    .filter((method) => method !== HttpMethod.ANY)
    .map((method) => [method.toLowerCase(), method]),
);

/**
 * Every operation of the API's OpenAPI document, with who may call it: read from the generated
 * document, so that the stack loads none of the functions' code and wires each operation to its
 * function and authorizer from the document alone. Refuses, failing the synth, an operation whose
 * security is not exactly one of the two schemes, or whose path says the other: an admin route
 * must never be answered by the selection function or with IAM, nor a caller route by the admin
 * function.
 */
export const documentedRoutes = (openApiFile: string): DocumentedRoute[] => {
  const document = JSON.parse(readFileSync(openApiFile, "utf8")) as OpenApiDocument;
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([key, operation]) => {
      const method = METHODS.get(key);
      // A path item also holds its shared `parameters`, `summary` and the like.
      if (!method) return [];
      const security = (operation as Operation).security ?? document.security;
      return [{ method, path, access: accessOf(method, path, security) }];
    }),
  );
};

const accessOf = (
  method: HttpMethod,
  path: string,
  security: SecurityRequirements | undefined,
): RouteAccess => {
  const route = `${method} ${path}`;
  const schemes = (security ?? []).flatMap((requirement) => Object.keys(requirement));
  const [scheme] = schemes;
  const access = schemes.length === 1 && scheme ? ACCESS_BY_SCHEME[scheme] : undefined;
  if (!access) {
    throw new Error(
      `${route} in the OpenAPI document: security must be [{"sigv4": []}] or [{"signIn": []}], not ${JSON.stringify(security ?? null)}`,
    );
  }
  if ((access === "admin") !== path.startsWith(ADMIN_PATH_PREFIX)) {
    throw new Error(
      `${route} in the OpenAPI document: routes under ${ADMIN_PATH_PREFIX} are signed in (signIn) and every other route is SigV4-signed (sigv4), but it says ${scheme}`,
    );
  }
  return access;
};
