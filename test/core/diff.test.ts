import { describe, expect, it } from "vitest";
import { diffRuleSets, isEmptyDiff } from "../../core/diff.js";
import { bound, procedure, rule, splitAtSix, validated } from "./support/rule-sets.js";

const base = validated({ procedures: [procedure()], rules: splitAtSix() });

describe("diffRuleSets", () => {
  it("finds nothing between a rule set and itself", () => {
    expect(isEmptyDiff(diffRuleSets(base, base))).toBe(true);
  });

  it("names each changed field of a rule with its old and new value", () => {
    const [young, older] = splitAtSix();
    const changed = validated({
      procedures: [procedure()],
      rules: [
        { ...young, text: "new text", band: { ...young?.band, upper: bound(4, "years") } },
        rule("oldest", {
          ...older,
          id: "oldest",
          band: { label: "5 years and older", lower: bound(5, "years") },
        }),
      ],
    });
    const diff = diffRuleSets(base, changed);
    expect(diff.rules.added).toEqual(["oldest"]);
    expect(diff.rules.removed).toEqual(["older"]);
    expect(diff.rules.changed).toEqual([
      {
        id: "young",
        fields: [
          { field: "band.upper.value", from: 5, to: 4 },
          { field: "text", from: "Insert a cannula", to: "new text" },
        ],
      },
    ]);
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it("tracks procedures apart from rules", () => {
    const renamed = validated({
      procedures: [procedure("cannula-insertion", { name: "Renamed" })],
      rules: splitAtSix(),
    });
    expect(diffRuleSets(base, renamed).procedures.changed).toEqual([
      {
        id: "cannula-insertion",
        fields: [{ field: "name", from: "The cannula-insertion procedure", to: "Renamed" }],
      },
    ]);
  });
});
