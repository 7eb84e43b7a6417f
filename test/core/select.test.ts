import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageIn, periodBetween } from "../../core/age.js";
import { formatIsoDate, fromEpochDay, toEpochDay } from "../../core/calendar-date.js";
import { type SelectionRequest, select } from "../../core/select.js";
import {
  bound,
  procedure,
  rule,
  splitAtSix,
  splitByGestation,
  validated,
} from "./support/rule-sets.js";

const cannula = validated({ procedures: [procedure()], rules: splitAtSix() });

const critical = validated({
  procedures: [procedure("critical-care", { coverage: { stopsAt: { value: 6, unit: "years" } } })],
  rules: [
    rule("neonate", {
      procedure: "critical-care",
      code: "99468",
      band: { label: "birth through 28 days", lower: bound(0, "days"), upper: bound(28, "days") },
    }),
    rule("infant", {
      procedure: "critical-care",
      code: "99471",
      band: {
        label: "29 days through 23 months",
        lower: bound(29, "days"),
        upper: bound(24, "months", false),
      },
    }),
    rule("child", {
      procedure: "critical-care",
      code: "99475",
      band: { label: "2 through 5 years", lower: bound(2, "years"), upper: bound(5, "years") },
    }),
  ],
});

const codeFor = (ruleSet: typeof cannula, request: SelectionRequest): string => {
  const result = select(ruleSet, request);
  return result.ok ? result.value.code : result.error.kind;
};

describe("select by date of birth", () => {
  const on = (dateOfBirth: string, dateOfService = "2026-11-24") =>
    codeFor(cannula, { procedure: "cannula-insertion", dateOfService, dateOfBirth });

  it("selects the young band the day before the 6th birthday, the older band on and after it", () => {
    expect(on("2020-11-25")).toBe("33951");
    expect(on("2020-11-24")).toBe("33952");
    expect(on("2020-11-23")).toBe("33952");
  });

  it("selects the young band on the day of birth", () => {
    expect(on("2026-11-24")).toBe("33951");
  });

  it("moves a 29 February birth to the older band on 1 March of a common year", () => {
    expect(on("2020-02-29", "2026-02-28")).toBe("33951");
    expect(on("2020-02-29", "2026-03-01")).toBe("33952");
  });

  it("explains the selection in one sentence", () => {
    const result = select(cannula, {
      procedure: "cannula-insertion",
      dateOfService: "2026-11-24",
      dateOfBirth: "2020-11-25",
    });
    expect(result).toEqual({
      ok: true,
      value: {
        code: "33951",
        text: "Insert a cannula, young child",
        procedure: "cannula-insertion",
        ruleId: "young",
        band: "birth through 5 years",
        dateOfService: "2026-11-24",
        age: { years: 5, months: 11, days: 30 },
        explanation:
          "5 years old on 2026-11-24 (completed years); 'birth through 5 years' selects 33951",
      },
    });
  });

  it("phrases the age in the band's own unit", () => {
    const result = select(critical, {
      procedure: "critical-care",
      dateOfService: "2026-01-29",
      dateOfBirth: "2026-01-01",
    });
    expect(result.ok && result.value.explanation).toBe(
      "28 days old on 2026-01-29 (completed days); 'birth through 28 days' selects 99468",
    );
  });

  it("moves from 28 days to 29 days, from 24 months to 2 years, and stops at 6 years", () => {
    const at = (dateOfService: string) =>
      codeFor(critical, { procedure: "critical-care", dateOfService, dateOfBirth: "2024-01-31" });
    expect(at("2024-02-28")).toBe("99468");
    expect(at("2024-02-29")).toBe("99471");
    expect(at("2026-01-30")).toBe("99471");
    expect(at("2026-01-31")).toBe("99475");
    expect(at("2030-01-30")).toBe("99475");
    expect(at("2030-01-31")).toBe("age-not-covered");
  });

  it("refuses an unknown procedure, and a date of service before any rule", () => {
    expect(
      codeFor(cannula, {
        procedure: "heart-transplant",
        dateOfService: "2026-11-24",
        dateOfBirth: "2020-01-01",
      }),
    ).toBe("unknown-procedure");
    expect(
      codeFor(cannula, {
        procedure: "cannula-insertion",
        dateOfService: "2014-12-31",
        dateOfBirth: "2010-01-01",
      }),
    ).toBe("no-rule-in-effect");
  });

  it("passes on the refusals of the age arithmetic", () => {
    expect(
      codeFor(cannula, {
        procedure: "cannula-insertion",
        dateOfService: "2026-02-30",
        dateOfBirth: "2020-01-01",
      }),
    ).toBe("impossible-date");
    expect(
      codeFor(cannula, {
        procedure: "cannula-insertion",
        dateOfService: "2026-11-24",
        dateOfBirth: "24.11.2020",
      }),
    ).toBe("malformed-date");
    expect(
      codeFor(cannula, {
        procedure: "cannula-insertion",
        dateOfService: "2026-11-24",
        dateOfBirth: "2026-11-25",
      }),
    ).toBe("service-before-birth");
    expect(
      codeFor(cannula, {
        procedure: "cannula-insertion",
        dateOfService: "2026-11-24",
        dateOfBirth: "1870-01-01",
      }),
    ).toBe("age-over-limit");
  });
});

describe("select by a given age", () => {
  const given = (
    value: number,
    unit: "days" | "months" | "years",
    dateOfService = "2026-11-24",
    ruleSet = cannula,
    key = "cannula-insertion",
  ) => select(ruleSet, { procedure: key, dateOfService, age: { value, unit } });

  it("selects the young band for 71 months, whatever the date of birth", () => {
    const result = given(71, "months");
    expect(result).toMatchObject({
      ok: true,
      value: { code: "33951", age: { years: 5, months: 11 } },
    });
    expect(result.ok && result.value.explanation).toBe(
      "71 months old on 2026-11-24 (as given); 'birth through 5 years' selects 33951",
    );
  });

  it("reads 2191 days as exactly 6 years on 2026-11-24 but 5 years on 2025-11-24", () => {
    expect(given(2191, "days")).toMatchObject({
      ok: true,
      value: { code: "33952", age: { years: 6, months: 0, days: 0 } },
    });
    expect(given(2191, "days", "2025-11-24")).toMatchObject({
      ok: true,
      value: { code: "33951", age: { years: 5, months: 11, days: 30 } },
    });
  });

  it("selects by whole years when no edge falls inside them", () => {
    expect(given(5, "years")).toMatchObject({
      ok: true,
      value: { code: "33951", age: { years: 5 } },
    });
    expect(given(6, "years")).toMatchObject({
      ok: true,
      value: { code: "33952", age: { years: 6 } },
    });
  });

  it("refuses 0 years against the 28-day edge and names days as the deciding unit", () => {
    expect(given(0, "years", "2026-11-24", critical, "critical-care")).toEqual({
      ok: false,
      error: {
        kind: "ambiguous-age",
        decidingInputs: ["age"],
        decidingUnit: "days",
        codes: ["99468", "99471"],
        message:
          "0 years old on 2026-11-24 spans a band edge (99468 or 99471 depending on the date of birth); give the age in days or the date of birth",
      },
    });
  });

  it("refuses 0 months against the 28-day edge, but decides 1 month", () => {
    expect(given(0, "months", "2026-03-31", critical, "critical-care")).toMatchObject({
      ok: false,
      error: { kind: "ambiguous-age", decidingUnit: "days" },
    });
    expect(given(1, "months", "2026-03-31", critical, "critical-care")).toMatchObject({
      ok: true,
      value: { code: "99471" },
    });
  });

  it("decides 1 and 2 years on either side of the 24-month edge", () => {
    expect(given(1, "years", "2026-11-24", critical, "critical-care")).toMatchObject({
      ok: true,
      value: { code: "99471" },
    });
    expect(given(2, "years", "2026-11-24", critical, "critical-care")).toMatchObject({
      ok: true,
      value: { code: "99475" },
    });
  });

  it("answers an age past the end of coverage as not applicable, with the codes for other ages", () => {
    const result = given(6, "years", "2026-11-24", critical, "critical-care");
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: "age-not-covered",
        procedure: "critical-care",
        codesByAge: [
          { code: "99468", band: "birth through 28 days" },
          { code: "99471", band: "29 days through 23 months" },
          { code: "99475", band: "2 through 5 years" },
        ],
      },
    });
    expect(result.ok ? "" : result.error.message).toBe(
      "critical-care has no code for a patient 6 years old on 2026-11-24; its codes are for other ages (99468 birth through 28 days; 99471 29 days through 23 months; 99475 2 through 5 years)",
    );
  });

  it("refuses ages that are not whole, not positive, or over 150 years", () => {
    expect(given(1.5, "years")).toMatchObject({ ok: false, error: { kind: "invalid-age" } });
    expect(given(-1, "days")).toMatchObject({ ok: false, error: { kind: "invalid-age" } });
    expect(given(150, "years")).toMatchObject({ ok: true });
    expect(given(151, "years")).toMatchObject({ ok: false, error: { kind: "age-over-limit" } });
    expect(given(1811, "months")).toMatchObject({ ok: true });
    expect(given(1812, "months")).toMatchObject({ ok: false, error: { kind: "age-over-limit" } });
    expect(given(10 ** 12, "days")).toMatchObject({ ok: false, error: { kind: "age-over-limit" } });
  });

  it("agrees with every date of birth the age stands for, or refuses as ambiguous", () => {
    const day = (year: number) => toEpochDay({ year, month: 1, day: 1 });
    const birthAndService = fc
      .tuple(fc.integer({ min: day(2015), max: day(2040) }), fc.integer({ min: 0, max: 8 * 366 }))
      .map(([service, span]) => ({
        birth: fromEpochDay(service - span),
        service: fromEpochDay(service),
      }));
    const unit = fc.constantFrom("days" as const, "months" as const, "years" as const);
    fc.assert(
      fc.property(birthAndService, unit, ({ birth, service }, unit) => {
        const common = { procedure: "critical-care", dateOfService: formatIsoDate(service) };
        const value = ageIn(periodBetween(birth, service), unit);
        const byAge = select(critical, { ...common, age: { value, unit } });
        const byBirth = select(critical, { ...common, dateOfBirth: formatIsoDate(birth) });
        if (byAge.ok) expect(byBirth.ok && byBirth.value.code).toBe(byAge.value.code);
        else if (byAge.error.kind === "age-not-covered") expect(byBirth.ok).toBe(false);
        else
          expect([byAge.error.kind, unit]).toEqual([
            "ambiguous-age",
            expect.not.stringMatching("days"),
          ]);
      }),
      { numRuns: 3_000 },
    );
  });
});

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
