import { describe, expect, it } from "vitest";
import { type ActiveRules, judgeMove, type MoveAsked } from "../../admin/change-policy.js";
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

const asked = (candidate: RuleSet, more: Partial<MoveAsked> = {}): MoveAsked => ({
  action: "publish",
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
    const verdict = judgeMove(asked(reworded, { action: "rollback" }));
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
});
