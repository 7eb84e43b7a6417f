import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * The cookie that carries the launch secret once the printed URL has been opened. Browsers keep
 * cookies per host, not per port, so its name holds the port: two studios never overwrite
 * each other's.
 */
export const secretCookie = (port: number): string => `code_rules_studio_${port}`;

/** A fresh secret for one launch of the studio: 256 random bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString("base64url");

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const cookieValue = (header: string | undefined, name: string): string | undefined =>
  header
    ?.split(";")
    .map((part) => part.trim().split("="))
    .find(([key]) => key === name)?.[1];

/** Where a request showed the secret: in the URL (the printed link), in the cookie, or nowhere. */
export const secretShown = (
  request: Pick<IncomingMessage, "headers">,
  url: URL,
  { secret, cookie }: Launch,
): "url" | "cookie" | undefined => {
  const fromUrl = url.searchParams.get("secret");
  if (fromUrl !== null && sameText(fromUrl, secret)) return "url";
  const fromCookie = cookieValue(request.headers.cookie, cookie);
  return fromCookie !== undefined && sameText(fromCookie, secret) ? "cookie" : undefined;
};

/** What one launch of the studio knows: its secret, its cookie's name, and the origins it answers as. */
export interface Launch {
  readonly secret: string;
  readonly cookie: string;
  readonly origins: readonly string[];
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Why a request is refused, or undefined when it may go on. The Host header must name the studio
 * itself (another site's name resolving to 127.0.0.1 cannot reach it), the secret must be shown,
 * and a request that changes state must come from the studio's own page: its Origin, or, where a
 * browser sends none, Sec-Fetch-Site same-origin.
 */
export const refusal = (
  request: Pick<IncomingMessage, "headers" | "method">,
  url: URL,
  launch: Launch,
): string | undefined => {
  const { origins } = launch;
  const host = request.headers.host;
  if (!host || !origins.includes(`http://${host}`)) return "unknown host";
  if (!secretShown(request, url, launch)) return "the studio's secret is missing or wrong";
  if (SAFE_METHODS.has(request.method ?? "GET")) return undefined;
  const origin = request.headers.origin;
  if (origin !== undefined) return origins.includes(origin) ? undefined : "cross-origin request";
  return request.headers["sec-fetch-site"] === "same-origin" ? undefined : "cross-origin request";
};
