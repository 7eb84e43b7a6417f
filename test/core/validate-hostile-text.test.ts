import { describe, expect, it } from "vitest";
import { problemsOf, withRules } from "./support/problems.js";
import { bound, procedure, rule } from "./support/rule-sets.js";

describe("validateRuleSet on hostile text", () => {
  const hostile = {
    script: "<script>alert(1)</script>",
    nul: "plain\u0000text",
    escape: "\u001b[2J",
    bidi: "33951\u202e",
  };

  it.each(Object.entries(hostile))(
    "refuses %s in a rule's text, label, source and notes, naming the rule and each field",
    (_name, value) => {
      const problems = problemsOf(
        withRules(
          rule("a", {
            text: value,
            band: { label: value, lower: bound(0, "years") },
            source: value,
            notes: value,
          }),
        ),
      );
      for (const field of ["text", "band.label", "source", "notes"])
        expect(problems).toContainEqual(
          expect.objectContaining({
            ruleId: "a",
            field,
            message: expect.stringMatching(/must not hold/),
          }),
        );
    },
  );

  it.each(Object.entries(hostile))("refuses %s in a procedure's name and notes", (_name, value) => {
    const problems = problemsOf({
      procedures: [procedure("cannula-insertion", { name: value, notes: value })],
      rules: [rule("a")],
    });
    expect(problems.map((p) => [p.procedure, p.field])).toEqual(
      expect.arrayContaining([
        ["cannula-insertion", "name"],
        ["cannula-insertion", "notes"],
      ]),
    );
  });

  it.each([
    ["text", { text: "x".repeat(1001) }, 1000],
    ["source", { source: "x".repeat(501) }, 500],
    ["notes", { notes: "x".repeat(2001) }, 2000],
    ["band.label", { band: { label: "x".repeat(121), lower: bound(0, "years") } }, 120],
    ["id", { id: `a${"-a".repeat(60)}` }, 120],
  ])("bounds the rule's %s", (field, overrides, max) => {
    expect(problemsOf(withRules(rule("a", overrides)))).toContainEqual(
      expect.objectContaining({ field, message: `must be at most ${max} character(s) long` }),
    );
  });

  it("bounds a procedure's name and key", () => {
    const problems = problemsOf({
      procedures: [procedure(`p${"-p".repeat(60)}`, { name: "x".repeat(301) })],
      rules: [rule("a")],
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ field: "name", message: "must be at most 300 character(s) long" }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ field: "key", message: "must be at most 120 character(s) long" }),
    );
  });
});
