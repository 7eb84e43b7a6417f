import type {
  AuditTrail,
  Me,
  Problem,
  Reply,
  RequestDetail,
  RequestList,
  RequestStep,
  StoredVersion,
  VersionDiff,
  VersionList,
  VersionMeta,
} from "./api-types.js";
import type { Content } from "./content.js";

const BASE = "/admin/v1";

/** A step of a change request that takes no body. */
export type RequestVerb = "submit" | "approve" | "rebase" | "publish" | "withdraw";

export interface Proposal {
  readonly title: string;
  readonly content: Content;
  readonly baseVersion: number | null;
  readonly allowPastChanges: boolean;
  readonly allowRemovals: boolean;
  readonly draft: boolean;
}

export interface Edit {
  readonly content: Content;
  readonly expectRevision: number;
  readonly title: string;
  readonly allowPastChanges: boolean;
  readonly allowRemovals: boolean;
}

const UNREACHABLE: Problem = {
  status: 0,
  detail: "The studio could not reach the server. Check the connection, then try again.",
};

const SIGNED_OUT: Problem = {
  status: 401,
  detail: "Your sign-in has ended. Your working copy is kept in this browser; sign in again.",
};

/** An answer's problem: its JSON when it is one, else what its status says. */
const problemOf = async (response: Response): Promise<Problem> => {
  const body = (await response.json().catch(() => ({}))) as Partial<Problem>;
  return {
    ...body,
    status: response.status,
    detail: body.detail ?? `The server answered ${response.status} ${response.statusText}.`,
  };
};

/**
 * The admin API, called with the signed-in person's ID token as the bearer. A 401 means the
 * sign-in has ended: `onSignedOut` hears of it (the page signs in again), and the call answers
 * with a problem to show where the person acted.
 */
export class AdminApi {
  constructor(
    private readonly token: () => string,
    private readonly onSignedOut: () => void,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    let response: Response;
    try {
      response = await fetch(`${BASE}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token()}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      return { ok: false, problem: UNREACHABLE };
    }
    if (response.status === 401) {
      this.onSignedOut();
      return { ok: false, problem: SIGNED_OUT };
    }
    if (!response.ok) return { ok: false, problem: await problemOf(response) };
    return { ok: true, value: (await response.json()) as T };
  }

  me = () => this.call<Me>("GET", "/me");
  versions = () => this.call<VersionList>("GET", "/versions");
  version = (version: number) => this.call<StoredVersion>("GET", `/versions/${version}`);
  diff = (from: number, to: number) =>
    this.call<VersionDiff>("GET", `/versions/${from}/diff/${to}`);
  audit = () => this.call<AuditTrail>("GET", "/audit");
  requests = () => this.call<RequestList>("GET", "/requests");
  request = (number: number) => this.call<RequestDetail>("GET", `/requests/${number}`);
  propose = (proposal: Proposal) => this.call<RequestStep>("POST", "/requests", proposal);
  edit = (number: number, edit: Edit) => this.call<RequestStep>("PUT", `/requests/${number}`, edit);
  step = (number: number, verb: RequestVerb) =>
    this.call<RequestStep>("POST", `/requests/${number}/${verb}`);
  comment = (number: number, text: string) =>
    this.call<RequestStep>("POST", `/requests/${number}/comments`, { text });
  reject = (number: number, reason: string) =>
    this.call<RequestStep>("POST", `/requests/${number}/reject`, { reason });
  resolve = (number: number, rule: string, side: "mine" | "theirs") =>
    this.call<RequestStep>("POST", `/requests/${number}/resolve`, { rule, side });
  rollback = (version: number, expectVersion: number | null, message: string) =>
    this.call<{ active: number; meta: VersionMeta }>("POST", "/rollback", {
      version,
      expectVersion,
      message,
    });
  revoke = (version: number, reason: string) =>
    this.call<{ meta: VersionMeta }>("POST", `/versions/${version}/revoke`, { reason });
}
