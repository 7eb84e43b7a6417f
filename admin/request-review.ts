import { validateForPublish } from "../core/publish-checks.js";
import { err, type Result } from "../core/result.js";
import { ruleSetChecksum } from "../store/checksum.js";
import type { AdminTable } from "./admin-table.js";
import type { ChangeRequest } from "./change-request.js";
import { OPEN_STATES } from "./change-request.js";
import { checkMove } from "./move-check.js";
import { publishable } from "./publisher.js";
import { reserveRequestNumber } from "./request-items.js";
import { type Acting, authorOnly, loadRequest, refuseUnlessIn, takeStep } from "./request-steps.js";
import { noteRefusal, requestRefused, type StoreRefusal } from "./store-refusal.js";
import { approvalsRequiredIn, approversIn, readVerifiedTrail } from "./verified-trail.js";

/** A change request as its author proposes it. */
export interface Proposal {
  readonly title: string;
  readonly description?: string | undefined;
  /** The whole rule set it would make active. */
  readonly content: unknown;
  readonly allowPastChanges?: boolean | undefined;
  readonly allowRemovals?: boolean | undefined;
  /** Kept as a draft, out of review, until submitted. */
  readonly draft?: boolean | undefined;
  /** The active version the author built on; the one active now unless given. */
  readonly baseVersion?: number | null | undefined;
}

type Step = Promise<Result<ChangeRequest, StoreRefusal>>;

/**
 * Opens a change request against the version active now: refused, with nothing written, when its
 * rules would not be published (limits, validation, golden cases) or the change policy refuses
 * what it asks (removals or past changes it does not ask leave for), or it changes nothing.
 */
export const createRequest = async (table: AdminTable, proposal: Proposal, by: Acting): Step => {
  const { title, description, content, allowPastChanges, allowRemovals } = proposal;
  const badNote = noteRefusal({ title, description, actorNote: by.actorNote });
  if (badNote) return err(badNote);
  const candidate = publishable(content, { allowRemovals });
  if (!candidate.ok) return candidate;
  const checked = await checkMove(table, "change request", candidate.value, {
    expectVersion: proposal.baseVersion,
    allowPastChanges,
    allowRemovals,
  });
  if (!checked.ok) return checked;
  const { active, verdict } = checked.value;
  const checksum = ruleSetChecksum(candidate.value);
  if (active.version !== undefined && ruleSetChecksum(active.ruleSet) === checksum)
    return err({
      kind: "unchanged",
      version: active.version,
      message: `the rule set is identical to active version ${active.version}; nothing to propose`,
    });
  const [refusal] = verdict.refusals;
  if (refusal) return err(refusal);
  const at = table.clock().toISOString();
  const request: ChangeRequest = {
    number: await reserveRequestNumber(table),
    title,
    description: description ?? "",
    author: by.actor,
    createdAt: at,
    updatedAt: at,
    state: proposal.draft ? "draft" : "in-review",
    baseVersion: active.version ?? null,
    revision: 1,
    checksum,
    content: candidate.value,
    ...(allowPastChanges && { allowPastChanges: true }),
    ...(allowRemovals && { allowRemovals: true }),
    approvals: [],
    comments: [],
    conflicts: [],
  };
  return takeStep(table, request, undefined, "created", by, title);
};

/** Puts a draft up for review. */
export const submitRequest = async (table: AdminTable, number: number, by: Acting): Step => {
  const loaded = await loadRequest(table, number);
  if (!loaded.ok) return loaded;
  const { request, writes } = loaded.value;
  const refusal =
    refuseUnlessIn(request, ["draft"], "submitted") ?? authorOnly(request, by, "submits it");
  if (refusal) return err(refusal);
  const next = { ...request, state: "in-review" as const, updatedAt: now(table) };
  return takeStep(table, next, writes, "submitted", by);
};

/** Anyone with the admin role may comment, in any state: the review's conversation stays with it. */
export const commentOnRequest = async (
  table: AdminTable,
  number: number,
  text: string,
  by: Acting,
): Step => {
  const badNote = noteRefusal({ comment: text, actorNote: by.actorNote });
  if (badNote) return err(badNote);
  const loaded = await loadRequest(table, number);
  if (!loaded.ok) return loaded;
  const { request, writes } = loaded.value;
  const at = now(table);
  const comments = [...request.comments, { actor: by.actor, at, text }];
  return takeStep(table, { ...request, comments, updatedAt: at }, writes, "commented", by, text);
};

/**
 * Approves the request as it stands, for a second person: never its author, never over unresolved
 * conflicts or rules that would not be published, once per person per content.
 */
export const approveRequest = async (table: AdminTable, number: number, by: Acting): Step => {
  const loaded = await loadRequest(table, number);
  if (!loaded.ok) return loaded;
  const { request, writes } = loaded.value;
  // Who approved it already, and how many it needs, as the signed trail says: the item's own list
  // is its history, not evidence.
  const trail = await readVerifiedTrail(table);
  if (!trail.ok) return trail;
  const approvers = approversIn(trail.value.entries, request);
  const refusal = approvalRefusal(request, by, approvers);
  if (refusal) return err(refusal);
  const at = now(table);
  const { revision, checksum } = request;
  const approvals = [...request.approvals, { actor: by.actor, at, revision, checksum }];
  const enough = approvers.length + 1 >= approvalsRequiredIn(trail.value.entries);
  const next: ChangeRequest = {
    ...request,
    approvals,
    state: enough ? "approved" : "in-review",
    updatedAt: at,
  };
  return takeStep(table, next, writes, "approved", by);
};

const approvalRefusal = (
  request: ChangeRequest,
  by: Acting,
  approvers: readonly string[],
): StoreRefusal | undefined => {
  const { number } = request;
  const inReview = refuseUnlessIn(request, ["in-review", "approved"], "approved");
  if (inReview) return inReview;
  if (request.damaged)
    return requestRefused(
      number,
      "its rules as stored cannot be read (changed outside code-rules); it cannot be approved",
    );
  if (by.actor === request.author)
    return requestRefused(
      number,
      `its author (${by.actor}) cannot approve it; a second person must`,
    );
  if (approvers.includes(by.actor))
    return requestRefused(number, `${by.actor} has approved it as it stands already`);
  if (request.conflicts.length > 0)
    return requestRefused(
      number,
      `it has ${request.conflicts.length} unresolved conflict(s); each is resolved before it can be approved`,
    );
  const problems = validateForPublish(request.content);
  return problems.ok
    ? undefined
    : requestRefused(
        number,
        `its rules have ${problems.error.length} problem(s) and would not be published`,
      );
};

/** Rejects the request: a reviewer's no, with the reason; its author withdraws instead. */
export const rejectRequest = async (
  table: AdminTable,
  number: number,
  reason: string,
  by: Acting,
): Step => {
  const badNote = noteRefusal({ reason, actorNote: by.actorNote });
  if (badNote) return err(badNote);
  const loaded = await loadRequest(table, number);
  if (!loaded.ok) return loaded;
  const { request, writes } = loaded.value;
  const refusal =
    refuseUnlessIn(request, ["in-review", "approved"], "rejected") ??
    (by.actor === request.author
      ? requestRefused(
          number,
          "its author withdraws it (code-rules change withdraw) rather than rejecting it",
        )
      : undefined);
  if (refusal) return err(refusal);
  const at = now(table);
  const next: ChangeRequest = {
    ...request,
    state: "rejected",
    rejection: { actor: by.actor, at, reason },
    updatedAt: at,
  };
  return takeStep(table, next, writes, "rejected", by, reason);
};

/** Withdraws an open request: its author's to do. */
export const withdrawRequest = async (table: AdminTable, number: number, by: Acting): Step => {
  const loaded = await loadRequest(table, number);
  if (!loaded.ok) return loaded;
  const { request, writes } = loaded.value;
  const refusal =
    refuseUnlessIn(request, OPEN_STATES, "withdrawn") ?? authorOnly(request, by, "can withdraw it");
  if (refusal) return err(refusal);
  const next = { ...request, state: "withdrawn" as const, updatedAt: now(table) };
  return takeStep(table, next, writes, "withdrawn", by);
};

const now = (table: AdminTable): string => table.clock().toISOString();
