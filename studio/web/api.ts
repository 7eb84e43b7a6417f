import type { RequestWithoutContent } from "../../admin/change-request.js";
import type { Procedure, Rule } from "../../core/rule-set.js";
import type { AuditEntry, VersionMeta } from "../../store/table-items.js";
import type { RequestSummary } from "../request-summary.js";

/** A rule set as the page holds it: as stored or as being edited, not yet validated. */
export interface Content {
  readonly procedures: readonly Procedure[];
  readonly rules: readonly Rule[];
}

export interface VersionList {
  readonly active: number | null;
  readonly versions: readonly VersionMeta[];
  readonly audit: readonly AuditEntry[];
}

/** A published version, shown only once it passes the function's own checks. */
export interface StoredVersion {
  readonly meta: VersionMeta;
  readonly content: Content;
}

export interface RequestList {
  readonly approvalsRequired: number;
  /** Newest first. */
  readonly requests: readonly RequestSummary[];
}

/** What the studio's server answered: its status and its JSON. */
export interface Answer<T> {
  readonly status: number;
  readonly body: T & { readonly error?: string };
}

const call = async <T>(path: string, init?: RequestInit): Promise<Answer<T>> => {
  const response = await fetch(path, init);
  return { status: response.status, body: (await response.json()) as Answer<T>["body"] };
};

const post = <T>(path: string, body: unknown) =>
  call<T>(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

export const api = {
  versions: () => call<VersionList>("/api/versions"),
  version: (version: number) => call<StoredVersion>(`/api/versions/${version}`),
  csvPath: (version: number) => `/api/versions/${version}/csv`,
  readCsv: (text: string) =>
    call<{ content: Content; baseVersion: number | null }>("/api/csv", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: text,
    }),
  requests: () => call<RequestList>("/api/requests"),
  propose: (body: {
    content: Content;
    baseVersion: number | null;
    title: string;
    allowPastChanges: boolean;
  }) => post<{ request: RequestWithoutContent }>("/api/requests", body),
  rollback: (body: { version: number; expectVersion: number | null; message: string }) =>
    post<{ active: number }>("/api/rollback", body),
};
