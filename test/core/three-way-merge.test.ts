import { describe, expect, it } from "vitest";
import type { Procedure, Rule } from "../../core/rule-set.js";
import { mergeThreeWays } from "../../core/three-way-merge.js";

const procedure: Procedure = { key: "ecmo", name: "ECMO cannula insertion" };

const rule = (id: string, text: string): Rule => ({
  id,
  procedure: "ecmo",
  code: id === "young" ? "33951" : "33952",
  text,
  band: { lower: { value: 0, unit: "years", inclusive: true } },
  effective: { from: "2015-01-01" },
  source: "https://example.org/source",
});

const base = {
  procedures: [procedure],
  rules: [rule("young", "Insert cannula"), rule("old", "Insert cannula")],
};
const withRules = (...rules: Rule[]) => ({ procedures: [procedure], rules });

describe("a three-way merge of rule sets, per rule", () => {
  it("keeps both sides' edits when they touched different rules", () => {
    const theirs = withRules(rule("young", "Theirs"), rule("old", "Insert cannula"));
    const mine = withRules(rule("young", "Insert cannula"), rule("old", "Mine"));
    const { merged, conflicts } = mergeThreeWays(base, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(merged.rules.map((r) => [r.id, r.text])).toEqual([
      ["young", "Theirs"],
      ["old", "Mine"],
    ]);
  });

  it("keeps a rule one side added and drops a rule one side removed, when the other left it alone", () => {
    const theirs = withRules(rule("young", "Insert cannula"));
    const mine = withRules(...base.rules, rule("new", "Added by me"));
    const { merged, conflicts } = mergeThreeWays(base, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(merged.rules.map((r) => r.id)).toEqual(["young", "new"]);
  });

  it("takes an edit both sides made alike once, without a conflict", () => {
    const same = withRules(rule("young", "Same"), rule("old", "Insert cannula"));
    expect(mergeThreeWays(base, same, same)).toEqual({ merged: same, conflicts: [] });
  });

  it("lists edits of the same rule side by side as a conflict, holding theirs until someone chooses", () => {
    const theirs = withRules(rule("young", "Theirs"), rule("old", "Insert cannula"));
    const mine = withRules(rule("young", "Mine"), rule("old", "Insert cannula"));
    const { merged, conflicts } = mergeThreeWays(base, theirs, mine);
    expect(conflicts).toEqual([
      {
        kind: "rule",
        key: "young",
        base: rule("young", "Insert cannula"),
        theirs: rule("young", "Theirs"),
        mine: rule("young", "Mine"),
      },
    ]);
    expect(merged.rules.find((r) => r.id === "young")?.text).toBe("Theirs");
  });

  it("counts a removal on one side against an edit on the other as a conflict, never a silent loss", () => {
    const theirs = withRules(rule("old", "Insert cannula"));
    const mine = withRules(rule("young", "Mine"), rule("old", "Insert cannula"));
    const { conflicts } = mergeThreeWays(base, theirs, mine);
    expect(conflicts).toMatchObject([{ kind: "rule", key: "young", theirs: undefined }]);
  });

  it("merges procedures by key the same way", () => {
    const renamed = { ...procedure, name: "Renamed" };
    const theirs = { procedures: [renamed], rules: base.rules };
    const { merged, conflicts } = mergeThreeWays(base, theirs, base);
    expect(conflicts).toEqual([]);
    expect(merged.procedures).toEqual([renamed]);
  });
});
