import { readFileSync } from "node:fs";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { STUDIO_PATH } from "../deploy/deploy-names.js";

/** One file of the studio page, by name: `index.html`, `studio.js`, `studio.css`. */
export interface PageFile {
  readonly type: string;
  readonly body: string;
}

/** Where the page signs in: what its `config.json` says, and what its CSP lets it reach. */
export interface SignIn {
  readonly issuer: string;
  readonly clientId: string;
  /** Origins the page calls to sign in: the issuer's, and its hosted sign-in's when elsewhere. */
  readonly origins: readonly string[];
}

const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

export const PAGE_FILES = ["index.html", "studio.js", "studio.css"] as const;

/** The page's files as `npm run build` or the stack writes them into `dir`. */
export const pageFilesIn = (dir: URL): Map<string, PageFile> =>
  new Map(
    PAGE_FILES.map((name) => [
      name,
      {
        type: TYPES[name.split(".").pop() ?? ""] ?? "text/plain",
        body: readFileSync(new URL(name, dir), "utf8"),
      },
    ]),
  );

/**
 * The page loads only its own files and calls only this API and the sign-in; nothing may frame
 * it, and it tells no one where it was opened from.
 */
const securityHeaders = ({ origins }: SignIn) => ({
  "content-security-policy": [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${origins.join(" ")}`,
    "frame-ancestors 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; "),
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
});

/** Whether a path is the page's: the function serves it without a token, as API Gateway routes it. */
export const isPagePath = (path: string): boolean =>
  path === STUDIO_PATH || path.startsWith(`${STUDIO_PATH}/`);

/**
 * Serves the studio page: its files, and `config.json` with where it signs in. The page holds no
 * data; every call it makes to /admin/v1/ carries a token.
 */
export const studioPage =
  (files: ReadonlyMap<string, PageFile>, signIn: SignIn) =>
  (event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 => {
    const name =
      event.rawPath === STUDIO_PATH ? "index.html" : event.rawPath.slice(STUDIO_PATH.length + 1);
    const headers = securityHeaders(signIn);
    if (event.requestContext.http.method !== "GET")
      return { statusCode: 405, headers: { ...headers, allow: "GET" }, body: "" };
    if (name === "config.json")
      return {
        statusCode: 200,
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ issuer: signIn.issuer, clientId: signIn.clientId }),
      };
    const file = files.get(name);
    if (!file)
      return {
        statusCode: 404,
        headers: { ...headers, "content-type": "text/plain" },
        body: "not found",
      };
    return { statusCode: 200, headers: { ...headers, "content-type": file.type }, body: file.body };
  };
