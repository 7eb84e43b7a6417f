import { describe, expect, it } from "vitest";
import { checkCode } from "../../core/check.js";
import { select } from "../../core/select.js";
import { byPayer } from "./support/limited-rule-sets.js";
import { validated } from "./support/rule-sets.js";

describe("selection by payer", () => {
  const rules = validated(byPayer());
  const request = {
    procedure: "gi-sedation",
    dateOfBirth: "2019-01-15",
    dateOfService: "2025-06-01",
  };
  const codeFor = (payer: string) => {
    const answer = select(rules, { ...request, payer });
    return answer.ok ? answer.value.code : answer.error.kind;
  };

  it("selects the code of the payer's rule", () => {
    expect([codeFor("medicare"), codeFor("commercial")]).toEqual(["G0500", "99152"]);
  });

  it("says the payer in the explanation and the rule's limit in the text", () => {
    expect(select(rules, { ...request, payer: "medicare" })).toMatchObject({
      ok: true,
      value: {
        text: "Insert a cannula, all ages, for medicare",
        explanation:
          "6 years old on 2025-06-01 (completed years), payer medicare; 'all ages' selects G0500",
      },
    });
  });

  it("refuses without the payer where it decides, naming payer", () => {
    expect(select(rules, request)).toEqual({
      ok: false,
      error: {
        kind: "ambiguous-age",
        decidingInputs: ["payer"],
        codes: ["99152", "G0500"],
        message:
          "6 years old (2329 days) on 2025-06-01 depends on the payer (99152 or G0500); give payer",
      },
    });
  });

  it("refuses a payer the rules do not declare, listing those they do", () => {
    expect(select(rules, { ...request, payer: "acme" })).toEqual({
      ok: false,
      error: {
        kind: "unknown-payer",
        payer: "acme",
        declared: ["commercial", "medicare"],
        message: 'payer "acme" is not declared; give one of commercial, medicare',
      },
    });
  });

  it("checks a billed code against the payer", () => {
    expect(checkCode(rules, { ...request, code: "99152", payer: "medicare" })).toMatchObject({
      ok: true,
      value: { consistent: false, expected: ["G0500"] },
    });
  });
});
