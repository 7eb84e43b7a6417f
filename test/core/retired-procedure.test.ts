import { describe, expect, it } from "vitest";
import { select } from "../../core/select.js";
import { problemsOf } from "./support/problems.js";
import { procedure, rule, validated } from "./support/rule-sets.js";
import { readShippedRules } from "./support/shipped-rules.js";

const retired = { from: "2023-01-01", reason: "its codes were deleted; size decides now" };

describe("a retired procedure", () => {
  const rules = validated({
    procedures: [procedure("umbilical", { retired })],
    rules: [
      rule("old", { procedure: "umbilical", effective: { from: "2015-01-01", to: "2022-12-31" } }),
    ],
  });
  const on = (dateOfService: string) =>
    select(rules, { procedure: "umbilical", dateOfBirth: "2020-01-01", dateOfService });

  it("answers no rule in effect from its retirement, with the reason", () => {
    expect(on("2023-01-01")).toEqual({
      ok: false,
      error: {
        kind: "no-rule-in-effect",
        procedure: "umbilical",
        message:
          "no rule of umbilical is in effect on 2023-01-01: its codes were deleted; size decides now",
      },
    });
    expect(on("2022-12-31")).toMatchObject({ ok: true, value: { code: "33951" } });
  });

  it("gives no reason before its rules start", () => {
    expect(on("2014-12-31")).toMatchObject({
      error: { message: "no rule of umbilical is in effect on 2014-12-31" },
    });
  });

  it("may have no rule in effect from its retirement on", () => {
    expect(
      problemsOf({
        procedures: [procedure("umbilical", { retired })],
        rules: [rule("old", { procedure: "umbilical" })],
      }),
    ).toContainEqual({
      ruleId: "old",
      field: "effective.to",
      message:
        "is in effect on or after 2023-01-01, when umbilical is declared retired; end it before then",
    });
  });

  it("says why for the shipped umbilical hernia repair after 2022", () => {
    const shipped = validated(readShippedRules());
    const answer = select(shipped, {
      procedure: "umbilical-hernia-repair-reducible",
      dateOfBirth: "2020-01-01",
      dateOfService: "2023-01-01",
    });
    expect(answer.ok ? "" : answer.error.message).toMatch(
      /^no rule of umbilical-hernia-repair-reducible is in effect on 2023-01-01: CPT 2023 deleted the umbilical hernia repair codes; .*49591-49596/,
    );
  });
});
