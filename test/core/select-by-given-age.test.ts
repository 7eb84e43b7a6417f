import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageIn, periodBetween } from "../../core/age.js";
import { formatIsoDate, fromEpochDay, toEpochDay } from "../../core/calendar-date.js";
import { select } from "../../core/select.js";
import { cannula, critical } from "./support/select-rule-sets.js";

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
