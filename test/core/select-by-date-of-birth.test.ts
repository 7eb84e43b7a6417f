import { describe, expect, it } from "vitest";
import { type SelectionRequest, select } from "../../core/select.js";
import { cannula, critical } from "./support/select-rule-sets.js";

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
        text: "Insert a cannula, birth through 5 years",
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
