import { describe, expect, it } from "vitest";
import {
  type ActiveRules,
  ALONE,
  type Authority,
  judgeMove,
  type MoveAsked,
} from "../../admin/change-policy.js";
import type { RuleSet } from "../../core/rule-set.js";
import { EMPTY_RULE_SET, validateRuleSet } from "../../core/validate.js";
import { editableShippedRules, withChangedText } from "../support/rule-sets.js";

const valid = (content: unknown): RuleSet => {
  const validated = validateRuleSet(content);
  if (!validated.ok) throw new Error("a test rule set does not validate");
  return validated.value;
};

const shipped = valid(editableShippedRules());
const active: ActiveRules = { version: 4, ruleSet: shipped };
const withoutVentRemoval = (() => {
  const fewer = editableShippedRules();
  fewer.procedures = fewer.procedures.filter((p) => p.key !== "ecmo-left-heart-vent-removal");
  fewer.rules = fewer.rules.filter((r) => r.procedure !== "ecmo-left-heart-vent-removal");
  return valid(fewer);
})();

/** A change request that alex proposed and sam approved, as it stands. */
const approved: Authority = {
  kind: "request",
  request: 7,
  author: "alex",
  checksum: "c",
  approvers: ["sam"],
  approvalsRequired: 1,
  conflicts: 0,
};

const asked = (candidate: RuleSet, more: Partial<MoveAsked> = {}): MoveAsked => ({
  action: "publish",
  authority: approved,
  active,
  candidate,
  asOf: "2026-12-06",
  ...more,
});

describe("the change policy", () => {
  it("lets a move go live that changes nothing already answered", () => {
    expect(judgeMove(asked(shipped))).toEqual({ regions: [], refusals: [] });
  });

  it("refuses a move that takes a procedure away, naming it, unless removals are allowed", () => {
    const verdict = judgeMove(asked(withoutVentRemoval, { allowPastChanges: true }));
    expect(verdict.refusals).toHaveLength(1);
    expect(verdict.refusals[0]).toMatchObject({
      kind: "removals",
      problems: [{ procedure: "ecmo-left-heart-vent-removal", field: "key" }],
      message:
        "publish refused: it removes 1 procedure(s) or code(s) that active version 4 answers with; nothing was written",
    });
    expect(
      judgeMove(asked(withoutVentRemoval, { allowRemovals: true, allowPastChanges: true }))
        .refusals,
    ).toEqual([]);
  });

  it("refuses a move that re-codes dates of service before today, from the earliest, unless allowed", () => {
    const reworded = valid(withChangedText("Percutaneous ECMO cannula insertion, young child"));
    const verdict = judgeMove(asked(reworded, { action: "rollback", authority: ALONE }));
    expect(verdict.regions.length).toBeGreaterThan(0);
    expect(verdict.refusals).toMatchObject([
      {
        kind: "past-changes",
        asOf: "2026-12-06",
        earliestChange: "2015-01-01",
        message:
          "rollback refused: it changes answers for dates of service from 2015-01-01, before 2026-12-06; nothing was written",
      },
    ]);
    expect(judgeMove(asked(reworded, { allowPastChanges: true })).refusals).toEqual([]);
  });

  it("names every reason a move is refused, removals first", () => {
    expect(judgeMove(asked(withoutVentRemoval)).refusals.map((refusal) => refusal.kind)).toEqual([
      "removals",
      "past-changes",
    ]);
  });

  it("refuses nothing over an empty table, where nothing was ever answered", () => {
    const empty: ActiveRules = { version: undefined, ruleSet: EMPTY_RULE_SET };
    const verdict = judgeMove(asked(withoutVentRemoval, { active: empty }));
    expect(verdict.refusals).toEqual([]);
    expect(verdict.regions.length).toBeGreaterThan(0);
  });

  it("gives no one leave alone: past changes or removals allowed by one admin are refused first", () => {
    const reworded = valid(withChangedText("Percutaneous ECMO cannula insertion, reworded"));
    const verdict = judgeMove(
      asked(reworded, { action: "rollback", authority: ALONE, allowPastChanges: true }),
    );
    expect(verdict.refusals.map((refusal) => refusal.message)).toEqual([
      "rollback refused: one person alone cannot allow past changes or removals; a change request approved by a second person can, or --break-glass with a reason; nothing was written",
      "rollback refused: it changes answers for dates of service from 2015-01-01, before 2026-12-06; nothing was written",
    ]);
  });

  it("lets leave come with a change request (its approver gives it) or with break glass", () => {
    const reworded = valid(withChangedText("Percutaneous ECMO cannula insertion, reworded"));
    for (const authority of [approved, { kind: "break-glass", reason: "incident 42" } as const])
      expect(judgeMove(asked(reworded, { authority, allowPastChanges: true })).refusals).toEqual(
        [],
      );
    const proposed = asked(reworded, { action: "change request", authority: ALONE });
    expect(judgeMove({ ...proposed, allowPastChanges: true }).refusals).toEqual([]);
  });

  it("refuses a publish over active rules that no second person approved", () => {
    const verdict = judgeMove(asked(shipped, { authority: ALONE }));
    expect(verdict.refusals.map((refusal) => [refusal.kind, refusal.message])).toEqual([
      [
        "approval",
        "publish refused: a change to active version 4 needs a change request approved by someone other than its author (code-rules change create), or --break-glass with a reason; nothing was written",
      ],
    ]);
  });

  it("counts a request's approvals against the number required, and refuses it while it has conflicts", () => {
    const short = { ...approved, approvers: ["sam"], approvalsRequired: 2 };
    expect(judgeMove(asked(shipped, { authority: short })).refusals[0]?.message).toBe(
      "publish refused: change request 7 has 1 of the 2 approval(s) it needs from someone other than its author; nothing was written",
    );
    expect(
      judgeMove(asked(shipped, { authority: { ...approved, conflicts: 2 } })).refusals[0]?.message,
    ).toBe(
      "publish refused: change request 7 has 2 unresolved conflict(s) with the active rules; resolve each first; nothing was written",
    );
  });

  it("takes break glass only with a reason, publish and rollback alike", () => {
    const blank = { kind: "break-glass", reason: "  " } as const;
    expect(judgeMove(asked(shipped, { authority: blank })).refusals[0]?.message).toBe(
      "publish refused: break glass takes a reason, for the audit trail and whoever the alarm wakes; nothing was written",
    );
    expect(
      judgeMove(asked(shipped, { action: "rollback", authority: blank })).refusals[0]?.kind,
    ).toBe("approval");
  });

  it("needs no approval for the first version of an empty table, nor for a rollback that changes no past answer", () => {
    const empty: ActiveRules = { version: undefined, ruleSet: EMPTY_RULE_SET };
    expect(judgeMove(asked(shipped, { active: empty, authority: ALONE })).refusals).toEqual([]);
    // Nor is leave asked over it refused: there is nothing to take leave from.
    const leave = { active: empty, authority: ALONE, allowPastChanges: true };
    expect(judgeMove(asked(shipped, leave)).refusals).toEqual([]);
    expect(judgeMove(asked(shipped, { action: "rollback", authority: ALONE })).refusals).toEqual(
      [],
    );
  });
});
