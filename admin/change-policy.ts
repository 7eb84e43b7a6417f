import { earliestChange, type ImpactRegion, ruleSetImpact } from "../core/impact.js";
import { refusedPastRegions } from "../core/past-changes.js";
import { removalProblems } from "../core/removals.js";
import type { RuleProblem } from "../core/rule-problem.js";
import type { RuleSet } from "../core/rule-set.js";

/** A move of the active pointer: a new version published, or an earlier one made active again. */
export type MoveAction = "publish" | "rollback";

/** What the policy judges: a move, a change request proposed (judged as the publish it asks for), or a setting. */
export type JudgedAction = MoveAction | "change request" | "setting";

/**
 * Who besides the admin making a move lets it go live. Leave to re-code past dates of service or to
 * remove codes is never one person's alone: a change request carries it to a second person, who
 * approves it; break glass takes it without one, marked so in the audit and raising an alarm.
 */
export type Authority =
  | { readonly kind: "alone" }
  | { readonly kind: "break-glass"; readonly reason: string }
  | {
      readonly kind: "request";
      readonly request: number;
      /** Who proposed it. */
      readonly author: string;
      /** The content approved: the publish is refused if the request changed since. */
      readonly checksum: string;
      /** Who approved the request as it stands, each other than its author. */
      readonly approvers: readonly string[];
      readonly approvalsRequired: number;
      readonly conflicts: number;
    };

/** Why glass was broken, when it was: what the audit keeps and what a note's rules hold to. */
export const breakGlassReason = (authority: Authority | undefined): string | undefined =>
  authority?.kind === "break-glass" ? authority.reason : undefined;

/** One admin, on their own: what a move is without a request or break glass. */
export const ALONE = { kind: "alone" } as const satisfies Authority;

/** The version active when a move is judged, and its rules; none over an empty table. */
export interface ActiveRules {
  readonly version: number | undefined;
  readonly ruleSet: RuleSet;
}

/** A move as a door asks for it, with what the admin allowed. */
export interface MoveAsked {
  readonly action: JudgedAction;
  readonly authority: Authority;
  readonly active: ActiveRules;
  /** The rules that would become active. */
  readonly candidate: RuleSet;
  /** Dates of service before this day (YYYY-MM-DD) are past: answers already given. */
  readonly asOf: string;
  readonly allowPastChanges?: boolean | undefined;
  readonly allowRemovals?: boolean | undefined;
}

/** Why a move may not go live as asked. Nothing was written. */
export type PolicyRefusal =
  | {
      /** It takes procedures or codes away from what the active version answers. */
      readonly kind: "removals";
      readonly problems: readonly RuleProblem[];
      /** What the move does that refuses it, as a clause: "it removes 1 procedure(s) ...". */
      readonly reason: string;
      readonly message: string;
    }
  | {
      /** It changes answers for dates of service already past. */
      readonly kind: "past-changes";
      readonly asOf: string;
      readonly earliestChange: string;
      readonly regions: readonly ImpactRegion[];
      readonly reason: string;
      readonly message: string;
    }
  | {
      /** It needs a second person's approval it does not have. */
      readonly kind: "approval";
      readonly reason: string;
      readonly message: string;
    };

export interface MoveVerdict {
  /** Every age and date of service whose answer the move changes, against the active version. */
  readonly regions: readonly ImpactRegion[];
  /** Every reason it may not go live as asked, removals first; none when it may. */
  readonly refusals: readonly PolicyRefusal[];
}

/**
 * The change policy: whether a move may go live, decided here once for every door (the CLI, the
 * studio, the store itself), which only ask and say the answer. A move may not take away
 * procedures or codes callers are answered with, nor change answers for dates of service already
 * past, unless allowed by a second person (or break glass); a publish over active rules needs a
 * change request approved by someone other than its author. Over an empty table nothing was ever
 * answered, so its first version needs none of this.
 */
export const judgeMove = (asked: MoveAsked): MoveVerdict => {
  const leave = withLeave(asked);
  const regions = ruleSetImpact(asked.active.ruleSet, asked.candidate);
  const refusals = [
    reasonlessRefusal(asked),
    soleLeaveRefusal(asked),
    removalRefusal(leave),
    pastRefusal(leave, regions),
    approvalRefusal(asked),
  ].filter((refusal): refusal is PolicyRefusal => refusal !== undefined);
  return { regions, refusals };
};

/** Whether anyone besides the admin stands behind the move: a request (to be) approved, or break glass. */
const seconded = ({ action, authority }: MoveAsked): boolean =>
  action === "change request" || authority.kind !== "alone";

/** The move with the leave that counts: one person's alone never does. */
const withLeave = (asked: MoveAsked): MoveAsked =>
  seconded(asked) ? asked : { ...asked, allowPastChanges: false, allowRemovals: false };

/** Break glass, publish or rollback alike, says why: the audit keeps it, and the alarm wakes someone. */
const reasonlessRefusal = ({
  action,
  authority,
}: Pick<MoveAsked, "action" | "authority">): PolicyRefusal | undefined =>
  authority.kind === "break-glass" && authority.reason.trim() === ""
    ? approval(
        action,
        "break glass takes a reason, for the audit trail and whoever the alarm wakes",
      )
    : undefined;

const soleLeaveRefusal = (asked: MoveAsked): PolicyRefusal | undefined => {
  const asksLeave = asked.allowPastChanges || asked.allowRemovals;
  // Over an empty table there is nothing to take leave from: no answer was ever given.
  if (seconded(asked) || !asksLeave || asked.active.version === undefined) return undefined;
  return approval(
    asked.action,
    "one person alone cannot allow past changes or removals; a change request approved by a second person can, or --break-glass with a reason",
  );
};

const approvalRefusal = (asked: MoveAsked): PolicyRefusal | undefined => {
  const { action, active, authority } = asked;
  if (action !== "publish" || active.version === undefined) return undefined;
  if (authority.kind === "alone")
    return approval(
      action,
      `a change to active version ${active.version} needs a change request approved by someone other than its author (code-rules change create), or --break-glass with a reason`,
    );
  if (authority.kind === "break-glass") return undefined;
  const { request, approvers, approvalsRequired, conflicts } = authority;
  if (conflicts > 0)
    return approval(
      action,
      `change request ${request} has ${conflicts} unresolved conflict(s) with the active rules; resolve each first`,
    );
  if (approvers.length < approvalsRequired)
    return approval(
      action,
      `change request ${request} has ${approvers.length} of the ${approvalsRequired} approval(s) it needs from someone other than its author`,
    );
  return undefined;
};

const approval = (action: JudgedAction, reason: string): PolicyRefusal => ({
  kind: "approval",
  reason,
  message: refusedBecause(action, reason),
});

const removalRefusal = (asked: MoveAsked): PolicyRefusal | undefined => {
  const { action, active, candidate, allowRemovals } = asked;
  if (allowRemovals || active.version === undefined) return undefined;
  const problems = removalProblems(active.ruleSet, candidate);
  if (problems.length === 0) return undefined;
  const reason = `it removes ${problems.length} procedure(s) or code(s) that active version ${active.version} answers with`;
  return { kind: "removals", problems, reason, message: refusedBecause(action, reason) };
};

const pastRefusal = (
  asked: MoveAsked,
  regions: readonly ImpactRegion[],
): PolicyRefusal | undefined => {
  const { action, active, asOf, allowPastChanges } = asked;
  const past = refusedPastRegions(active.version, regions, asOf, allowPastChanges);
  const earliest = earliestChange(past);
  if (earliest === undefined) return undefined;
  const reason = `it changes answers for dates of service from ${earliest}, before ${asOf}`;
  return {
    kind: "past-changes",
    asOf,
    earliestChange: earliest,
    regions: past,
    reason,
    message: refusedBecause(action, reason),
  };
};

const refusedBecause = (action: JudgedAction, reason: string): string =>
  `${action} refused: ${reason}; nothing was written`;

/** A change of how many approvals a change request needs, as an admin asks it. */
export interface SettingAsked {
  readonly from: number;
  readonly to: number;
  readonly authority: Authority;
}

/**
 * Raising the number of approvals tightens the rule and is anyone's to do; lowering it loosens
 * every review to come, so one admin alone cannot: it takes break glass, with a reason.
 */
export const judgeApprovalsSetting = ({
  from,
  to,
  authority,
}: SettingAsked): PolicyRefusal | undefined => {
  const reasonless = reasonlessRefusal({ action: "setting", authority });
  if (reasonless) return reasonless;
  if (to >= from || authority.kind === "break-glass") return undefined;
  return approval(
    "setting",
    `lowering the approvals a change request needs from ${from} to ${to} is not one admin's to do alone; it takes --break-glass with a reason`,
  );
};
