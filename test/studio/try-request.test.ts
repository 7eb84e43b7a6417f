import { describe, expect, it } from "vitest";
import { validateForPublish } from "../../core/publish-checks.js";
import { select } from "../../core/select.js";
import type { Content } from "../../studio/web/content.js";
import { setWeightEnd } from "../../studio/web/limit-edits.js";
import {
  howAnswersDiffer,
  NO_INPUTS,
  neededInputs,
  type TryInputs,
  tryAnswer,
  tryNeeds,
  tryRequest,
} from "../../studio/web/try-request.js";
import { ECMO, shippedContent } from "./shipped-content.js";

const shipped = shippedContent();
const checked = (content: Content) => {
  const validated = validateForPublish(content);
  if (!validated.ok) throw new Error(JSON.stringify(validated.error));
  return validated.value;
};
const rules = checked(shipped);

const NICU = "intensive-care-not-critical-subsequent-day";
const SEDATION = "moderate-sedation-initial-by-endoscopist-gi-endoscopy";
const HERNIA = "inguinal-hernia-repair-initial-reducible";
const newborn: TryInputs = { ...NO_INPUTS, dateOfBirth: "2026-01-01", dateOfService: "2026-01-10" };

/** The request the boxes make, which must be one. */
const request = (procedure: string, inputs: TryInputs) => {
  const made = tryRequest(procedure, inputs, tryNeeds(procedure, shipped));
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  return made.value;
};

describe("what the try panel asks for a procedure", () => {
  it("asks only the inputs its rules are limited by", () => {
    expect(tryNeeds(ECMO, shipped)).toEqual({ gestation: false, weight: false, payers: undefined });
    expect(tryNeeds(NICU, shipped)).toEqual({ gestation: false, weight: true, payers: undefined });
    expect(tryNeeds(HERNIA, shipped)).toMatchObject({ gestation: true, weight: false });
    expect(tryNeeds(SEDATION, shipped).payers).toEqual([
      "commercial",
      "medicaid",
      "medicare",
      "other",
    ]);
  });

  it("asks an input either rule set limits: the working copy's new limit, or the version's old one", () => {
    const weighed = setWeightEnd(shipped, `${ECMO}-33951`, "upper", 3000);
    expect(tryNeeds(ECMO, weighed, shipped).weight).toBe(true);
    expect(tryNeeds(ECMO, shipped, weighed).weight).toBe(true);
  });
});

describe("the request the try panel makes", () => {
  it("sends only the inputs the rules need, whatever else was typed", () => {
    expect(request(ECMO, { ...newborn, weightGrams: "1400", payer: "medicare" })).toEqual({
      procedure: ECMO,
      dateOfBirth: "2026-01-01",
      dateOfService: "2026-01-10",
    });
    expect(request(NICU, { ...newborn, weightGrams: "1400" })).toMatchObject({ weightGrams: 1400 });
    expect(request(HERNIA, { ...newborn, gestationWeeks: "34" })).toMatchObject({
      gestationalAgeAtBirth: { weeks: 34, days: 0 },
    });
  });

  it("says at each box what is missing or out of range, as the API's bounds have it", () => {
    const refused = tryRequest(
      HERNIA,
      { ...NO_INPUTS, gestationWeeks: "21", gestationDays: "7" },
      tryNeeds(HERNIA, shipped),
    );
    expect(refused.ok ? [] : refused.error.map((problem) => problem.field)).toEqual([
      "dateOfBirth",
      "dateOfService",
      "gestationWeeks",
      "gestationDays",
    ]);
    expect(refused.ok ? "" : refused.error[2]?.message).toContain("from 22 through 44");
    const heavy = tryRequest(NICU, { ...newborn, weightGrams: "500001" }, tryNeeds(NICU, shipped));
    expect(heavy.ok ? [] : heavy.error).toEqual([
      {
        field: "weightGrams",
        message: "Give the weight in whole grams, from 1 g through 500,000 g.",
      },
    ]);
  });
});

describe("the answers the try panel shows", () => {
  it("are the core's own, refusal and all: a weight left out where it decides is named, as the API's 422 names it", () => {
    const asked = request(NICU, newborn);
    const answer = tryAnswer(rules, "", asked);
    const core = select(rules, asked);
    expect(core.ok).toBe(false);
    expect(answer).toEqual({ kind: "refused", refusal: core.ok ? undefined : core.error });
    expect(neededInputs(answer)).toEqual(["weightGrams"]);
    expect(answer.kind === "refused" && answer.refusal.message).toMatch(/; give weightGrams$/);
  });

  it("give the code the weight selects, with the core's explanation", () => {
    const answer = tryAnswer(rules, "", request(NICU, { ...newborn, weightGrams: "1400" }));
    expect(answer.kind === "selected" && answer.selection.code).toBe("99478");
    expect(answer.kind === "selected" && answer.selection.explanation).toContain(
      "weighing 1,400 g",
    );
  });

  it("leave the dates to the core, so that a date of service before birth is refused in its words", () => {
    const asked = request(ECMO, { ...newborn, dateOfService: "2025-12-31" });
    const core = select(rules, asked);
    expect(tryAnswer(rules, "", asked)).toEqual({
      kind: "refused",
      refusal: core.ok ? undefined : core.error,
    });
    expect(core.ok ? "" : core.error.kind).toBe("service-before-birth");
  });

  it("say why a rule set gives none, rather than make one up", () => {
    expect(tryAnswer(undefined, "no version is in use", request(ECMO, newborn))).toEqual({
      kind: "unanswered",
      why: "no version is in use",
    });
  });

  it("tell a working copy that moves the patient to another code from the version in use", () => {
    const copy = checked(
      setWeightEnd(
        setWeightEnd(shipped, `${NICU}-99478`, "upper", 1299),
        `${NICU}-99479`,
        "lower",
        1300,
      ),
    );
    const asked = request(NICU, { ...newborn, weightGrams: "1400" });
    const [mine, theirs] = [tryAnswer(copy, "", asked), tryAnswer(rules, "", asked)];
    expect(mine.kind === "selected" && mine.selection.code).toBe("99479");
    expect(howAnswersDiffer(mine, theirs)).toBe("answer");
    const lighter = request(NICU, { ...newborn, weightGrams: "1000" });
    expect(howAnswersDiffer(tryAnswer(copy, "", lighter), tryAnswer(rules, "", lighter))).toBe(
      "text",
    );
    expect(howAnswersDiffer(theirs, tryAnswer(rules, "", asked))).toBe("same");
  });
});
