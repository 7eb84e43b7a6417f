import { validateForPublish } from "../core/publish-checks.js";
import { ok, type Result } from "../core/result.js";
import type { RuleProblem } from "../core/rule-problem.js";
import type { AdminTable } from "./admin-table.js";
import { approvalsRequired, setApprovalsRequired } from "./approval-settings.js";
import type { Change } from "./change.js";
import type { ActiveRules, MoveVerdict } from "./change-policy.js";
import { type ChangeRequest, requestAuthority } from "./change-request.js";
import { checkMove, readActiveRules } from "./move-check.js";
import { editRequest, type RequestEdit } from "./request-edit.js";
import { listRequests } from "./request-items.js";
import { type PublishedRequest, publishRequest } from "./request-publish.js";
import { rebaseRequest, resolveConflict, type Side } from "./request-rebase.js";
import {
  approveRequest,
  commentOnRequest,
  createRequest,
  type Proposal,
  rejectRequest,
  submitRequest,
  withdrawRequest,
} from "./request-review.js";
import { type Acting, loadRequest } from "./request-steps.js";
import type { StoreRefusal } from "./store-refusal.js";
import { approvalsRequiredIn, approversIn, namesIn, readVerifiedTrail } from "./verified-trail.js";

type Step = Promise<Result<ChangeRequest, StoreRefusal>>;

/** The change requests, each with its approvers that count, and how many count for enough. */
export interface RequestsApproved {
  readonly approvalsRequired: number;
  /** What each actor is called, from the same read of the trail. */
  readonly names: Readonly<Record<string, string>>;
  readonly requests: readonly { readonly request: ChangeRequest; readonly approvers: string[] }[];
}

/** A request with what a reviewer weighs: its problems, its approvals, and its impact now. */
export interface RequestReview {
  readonly request: ChangeRequest;
  /** Why its rules would not be published as they stand; none when they would. */
  readonly problems: readonly RuleProblem[];
  readonly approvers: readonly string[];
  readonly approvalsRequired: number;
  /** What each actor is called, from the same read of the trail. */
  readonly names: Readonly<Record<string, string>>;
  /** The version active now, against which the impact is measured. */
  readonly active: ActiveRules;
  /** What the change policy says of publishing it now; absent while its rules have problems. */
  readonly verdict?: MoveVerdict | undefined;
  /** Why the policy would refuse it before judging it at all (its base is not active). */
  readonly blocked?: StoreRefusal | undefined;
}

/**
 * Change requests: every rule change proposed, reviewed and approved by a second person, each
 * step in the signed audit trail. One object for every door; each step lives in a module of its
 * own and the change policy decides what may go live.
 */
export class ChangeRequests {
  constructor(private readonly table: AdminTable) {}

  create(proposal: Proposal, by: Acting): Step {
    return createRequest(this.table, proposal, by);
  }

  /** Every change request, newest first. */
  list(): Promise<ChangeRequest[]> {
    return listRequests(this.table);
  }

  /** Every change request with who approved it as it stands, as the signed trail says, from one read of it. */
  async listWithApprovals(): Promise<Result<RequestsApproved, StoreRefusal>> {
    const [requests, trail] = await Promise.all([
      listRequests(this.table),
      readVerifiedTrail(this.table),
    ]);
    if (!trail.ok) return trail;
    const { entries } = trail.value;
    return ok({
      approvalsRequired: approvalsRequiredIn(entries),
      names: namesIn(entries),
      requests: requests.map((request) => ({ request, approvers: approversIn(entries, request) })),
    });
  }

  async review(number: number): Promise<Result<RequestReview, StoreRefusal>> {
    const loaded = await loadRequest(this.table, number);
    if (!loaded.ok) return loaded;
    const { request } = loaded.value;
    const trail = await readVerifiedTrail(this.table);
    if (!trail.ok) return trail;
    const required = approvalsRequiredIn(trail.value.entries);
    const approvers = approversIn(trail.value.entries, request);
    const valid = validateForPublish(request.content);
    const review = {
      request,
      approvers,
      approvalsRequired: required,
      names: namesIn(trail.value.entries),
      problems: valid.ok ? [] : valid.error,
    };
    if (!valid.ok) return ok({ ...review, active: await readActiveRules(this.table) });
    const checked = await checkMove(this.table, "publish", valid.value, {
      expectVersion: request.baseVersion,
      allowPastChanges: request.allowPastChanges,
      allowRemovals: request.allowRemovals,
      authority: requestAuthority(request, required, approvers),
    });
    return ok(
      checked.ok
        ? { ...review, ...checked.value }
        : { ...review, active: await readActiveRules(this.table), blocked: checked.error },
    );
  }

  /** Its author replaces its rules: a new revision, which earlier approvals do not cover. */
  edit(number: number, edit: RequestEdit, by: Acting): Step {
    return editRequest(this.table, number, edit, by);
  }

  submit(number: number, by: Acting): Step {
    return submitRequest(this.table, number, by);
  }

  comment(number: number, text: string, by: Acting): Step {
    return commentOnRequest(this.table, number, text, by);
  }

  approve(number: number, by: Acting): Step {
    return approveRequest(this.table, number, by);
  }

  reject(number: number, reason: string, by: Acting): Step {
    return rejectRequest(this.table, number, reason, by);
  }

  withdraw(number: number, by: Acting): Step {
    return withdrawRequest(this.table, number, by);
  }

  rebase(number: number, by: Acting): Step {
    return rebaseRequest(this.table, number, by);
  }

  resolve(number: number, key: string, side: Side, by: Acting): Step {
    return resolveConflict(this.table, number, key, side, by);
  }

  publish(
    number: number,
    by: Acting & { readonly asOf?: string | undefined },
  ): Promise<Result<PublishedRequest, StoreRefusal>> {
    return publishRequest(this.table, number, by);
  }

  approvalsRequired(): Promise<Result<number, StoreRefusal>> {
    return approvalsRequired(this.table);
  }

  /** Sets how many approvals a request needs; lowering it takes break glass (the change policy). */
  setApprovalsRequired(
    count: number,
    by: Acting & Pick<Change, "authority">,
  ): Promise<Result<number, StoreRefusal>> {
    return setApprovalsRequired(this.table, count, by);
  }
}
