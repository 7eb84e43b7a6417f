import { err, ok, type Result } from "../core/result.js";
import type { MergeableRules, MergeConflict } from "../core/three-way-merge.js";
import { ruleSetChecksum } from "../store/checksum.js";
import type { RequestEvent } from "../store/table-items.js";
import type { AdminTable } from "./admin-table.js";
import type { Change } from "./change.js";
import type { ChangeRequest, RequestState } from "./change-request.js";
import { readRequest, type StoredRequest, saveRequest } from "./request-items.js";
import {
  changedMeanwhile,
  requestNotFound,
  requestRefused,
  type StoreRefusal,
} from "./store-refusal.js";

/** Who takes a step: the identity the credentials give, and what they wrote about themselves. */
export type Acting = Pick<Change, "actor" | "actorNote">;

/** A change request as read, or why there is none to act on. */
export const loadRequest = async (
  table: AdminTable,
  number: number,
): Promise<Result<StoredRequest, StoreRefusal>> => {
  const stored = await readRequest(table, number);
  return stored ? ok(stored) : err(requestNotFound(number));
};

/** Refuses a step unless the request stands in one of `states`. */
export const refuseUnlessIn = (
  request: ChangeRequest,
  states: readonly RequestState[],
  step: string,
): StoreRefusal | undefined =>
  states.includes(request.state)
    ? undefined
    : requestRefused(
        request.number,
        `it is ${request.state}; only a request ${states.join(" or ")} can be ${step}`,
      );

/** Refuses a step that is the author's alone to take: their request says what they propose. */
export const authorOnly = (
  request: ChangeRequest,
  by: Acting,
  step: string,
): StoreRefusal | undefined =>
  by.actor === request.author
    ? undefined
    : requestRefused(request.number, `only its author (${request.author}) ${step}`);

/**
 * Writes a step of a request: the request as it now stands and its audit entry, in one
 * transaction, over the write it was read at (none for a new one).
 */
export const takeStep = async (
  table: AdminTable,
  next: ChangeRequest,
  writes: number | undefined,
  event: RequestEvent,
  by: Acting,
  message = "",
): Promise<Result<ChangeRequest, StoreRefusal>> => {
  const saved = await saveRequest(table, next, writes, {
    event,
    actor: by.actor,
    actorNote: by.actorNote,
    at: next.updatedAt,
    message,
  });
  if (saved.ok) return ok(next);
  return err(
    saved.error === "too-large"
      ? requestRefused(next.number, "its rules are too large to keep in a change request")
      : changedMeanwhile(`change request ${next.number}`),
  );
};

/** The request with new content: a new revision, back in review, its old approvals no longer counting. */
export const withContent = (
  request: ChangeRequest,
  content: MergeableRules,
  conflicts: readonly MergeConflict[],
  table: AdminTable,
): ChangeRequest => ({
  ...request,
  content,
  conflicts,
  revision: request.revision + 1,
  checksum: ruleSetChecksum(content),
  state: request.state === "draft" ? "draft" : "in-review",
  updatedAt: table.clock().toISOString(),
});
