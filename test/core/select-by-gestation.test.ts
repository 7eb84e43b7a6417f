import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIsoDate, fromEpochDay, toEpochDay } from "../../core/calendar-date.js";
import { select } from "../../core/select.js";
import { procedure, splitByGestation, validated } from "./support/rule-sets.js";
import { readShippedRules } from "./support/shipped-rules.js";

describe("select with age counted from conception", () => {
  const hernia = validated({ procedures: [procedure("hernia")], rules: splitByGestation() });
  const common = { procedure: "hernia", dateOfBirth: "2026-09-01" };
  const at = (weeks: number, days = 0) => ({ gestationalAgeAtBirth: { weeks, days } });

  it("counts post-conception age as the gestational age at birth plus the days since birth", () => {
    // Born at 32+0 on 2026-09-01: 50+6 after conception on 2027-01-11, 51+0 on 2027-01-12.
    const on = (dateOfService: string) => select(hernia, { ...common, dateOfService, ...at(32) });
    expect(on("2027-01-11")).toMatchObject({ ok: true, value: { ruleId: "preterm-young" } });
    expect(on("2027-01-12")).toMatchObject({ ok: true, value: { ruleId: "preterm-older" } });
  });

  it("says how age from conception decided", () => {
    const result = select(hernia, { ...common, dateOfService: "2026-10-13", ...at(32) });
    expect(result.ok && result.value.explanation).toBe(
      "1 month old on 2026-10-13 (completed months), born at 32 weeks 0 days, 38 weeks 0 days after conception; 'birth through 5 months' selects 49491",
    );
  });

  it("draws preterm at 37 completed weeks: 36+6 is preterm, 37+0 full term", () => {
    const on = (weeks: number, days: number) =>
      select(hernia, { ...common, dateOfService: "2026-10-13", ...at(weeks, days) });
    expect(on(36, 6)).toMatchObject({ ok: true, value: { ruleId: "preterm-young" } });
    expect(on(37, 0)).toMatchObject({ ok: true, value: { ruleId: "full-term" } });
  });

  it("keeps the most premature in the preterm code past 6 months, until 51 weeks after conception", () => {
    // Born at 23+0 on 2026-09-01: 6 months on 2027-03-01 is 48+6 after conception, 51+0 on 2027-03-16.
    const on = (dateOfService: string) => select(hernia, { ...common, dateOfService, ...at(23) });
    expect(on("2027-03-01")).toMatchObject({
      ok: true,
      value: { ruleId: "very-preterm-past-6-months" },
    });
    expect(on("2027-03-15")).toMatchObject({
      ok: true,
      value: { ruleId: "very-preterm-past-6-months" },
    });
    expect(on("2027-03-16")).toMatchObject({ ok: true, value: { ruleId: "past-6-months" } });
  });

  it("refuses without the gestational age when it decides, naming it", () => {
    expect(select(hernia, { ...common, dateOfService: "2026-10-13" })).toEqual({
      ok: false,
      error: {
        kind: "ambiguous-age",
        decidingInputs: ["gestationalAgeAtBirth"],
        codes: ["49491", "49495"],
        message:
          "0 years old (42 days) on 2026-10-13 depends on the gestational age at birth (49491 or 49495); give gestationalAgeAtBirth",
      },
    });
  });

  it("answers without the gestational age when every gestational age gives the same rule", () => {
    const result = select(hernia, {
      ...common,
      dateOfBirth: "2024-09-01",
      dateOfService: "2026-10-13",
    });
    expect(result).toMatchObject({ ok: true, value: { ruleId: "past-6-months" } });
    expect(result.ok && result.value.explanation).not.toContain("conception");
  });

  it("combines a given age with the gestational age", () => {
    const given = (value: number, unit: "days" | "months" | "years", gestation = {}) =>
      select(hernia, {
        procedure: "hernia",
        dateOfService: "2026-10-13",
        age: { value, unit },
        ...gestation,
      });
    expect(given(3, "months", at(40))).toMatchObject({ ok: true, value: { ruleId: "full-term" } });
    expect(given(2, "years")).toMatchObject({ ok: true, value: { ruleId: "past-6-months" } });
    expect(given(1, "months")).toMatchObject({
      ok: false,
      error: {
        kind: "ambiguous-age",
        decidingInputs: ["gestationalAgeAtBirth"],
        codes: ["49491", "49495"],
      },
    });
    // 3 months crosses 51 weeks after conception for babies born from 36 weeks on: both decide.
    expect(given(3, "months")).toMatchObject({
      ok: false,
      error: { decidingInputs: ["age", "gestationalAgeAtBirth"], decidingUnit: "days" },
    });
    expect(given(0, "years", at(40))).toMatchObject({
      ok: false,
      error: { decidingInputs: ["age"], decidingUnit: "months", codes: ["49495", "49500"] },
    });
    expect(given(0, "years")).toMatchObject({
      ok: false,
      error: { decidingInputs: ["age", "gestationalAgeAtBirth"], decidingUnit: "months" },
    });
  });

  it("agrees, without the gestational age, with every gestational age it stands for or refuses naming it", () => {
    const gestation = fc.integer({ min: 22 * 7, max: 44 * 7 + 6 });
    const daysOld = fc.integer({ min: 0, max: 400 });
    fc.assert(
      fc.property(daysOld, gestation, (days, atBirth) => {
        const dateOfService = "2026-10-13";
        const dateOfBirth = formatIsoDate(
          fromEpochDay(toEpochDay({ year: 2026, month: 10, day: 13 }) - days),
        );
        const without = select(hernia, { procedure: "hernia", dateOfService, dateOfBirth });
        const withIt = select(hernia, {
          procedure: "hernia",
          dateOfService,
          dateOfBirth,
          gestationalAgeAtBirth: { weeks: Math.floor(atBirth / 7), days: atBirth % 7 },
        });
        if (without.ok)
          expect(withIt).toMatchObject({ ok: true, value: { ruleId: without.value.ruleId } });
        else expect(without.error).toMatchObject({ decidingInputs: ["gestationalAgeAtBirth"] });
      }),
    );
  });
});

describe("two rules of one code on both sides of a gestational edge", () => {
  const shipped = validated(readShippedRules());

  it("answer the code without the gestational age, saying none of either rule's limits", () => {
    const answer = select(shipped, {
      procedure: "anesthesia-lower-abdominal-hernia-repair",
      dateOfBirth: "2026-01-10",
      dateOfService: "2026-11-10",
    });
    expect(answer).toMatchObject({
      ok: true,
      value: {
        code: "00834",
        text: "Give anesthesia for a lower abdominal hernia repair, birth through 0 years",
        explanation:
          "0 years old on 2026-11-10 (completed years); 'birth through 0 years' selects 00834",
      },
    });
  });
});
