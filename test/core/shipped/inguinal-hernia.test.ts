import { describe, expect, it } from "vitest";
import { addDays, formatIsoDate } from "../../../core/calendar-date.js";
import { GESTATION_DAYS } from "../../../core/gestation.js";
import { select } from "../../../core/select.js";
import { date } from "../support/dates.js";
import { codeFor, shippedRules } from "../support/shipped-rules.js";

const REDUCIBLE = "inguinal-hernia-repair-initial-reducible";
const INCARCERATED = "inguinal-hernia-repair-initial-incarcerated";

/** The code for a baby born on `dateOfBirth` at `weeks`+`days`, operated `daysOld` days later. */
const hernia = (procedure: string, weeks: number, days: number, daysOld: number) => {
  const dateOfBirth = "2026-09-01";
  const dateOfService = formatIsoDate(addDays(date(dateOfBirth), daysOld));
  return codeFor({ procedure, dateOfBirth, dateOfService, gestationalAgeAtBirth: { weeks, days } });
};

describe("the shipped inguinal hernia repair across prematurity", () => {
  it("says in its answer the ages from conception that chose the code, as the band's ages are said", () => {
    const answer = select(shippedRules(), {
      procedure: REDUCIBLE,
      dateOfBirth: "2026-09-01",
      dateOfService: "2026-10-13",
      gestationalAgeAtBirth: { weeks: 32, days: 0 },
    });
    expect(answer.ok && answer.value.text).toBe(
      "Repair a reducible inguinal hernia, first time, birth through 5 months, born before 37 weeks, through 50 weeks after conception",
    );
  });

  it.each([
    // [weeks at birth, days at birth, days old, reducible, incarcerated]
    [32, 0, 0, "49491", "49492"],
    [32, 0, 42, "49491", "49492"], // 38+0 after conception
    [32, 0, 132, "49491", "49492"], // 50+6 after conception: the last day of the preterm code
    [32, 0, 133, "49495", "49496"], // 51+0: older than 50 weeks
    [32, 0, 180, "49495", "49496"], // 2027-02-28, the day before 6 months
    [32, 0, 181, "49500", "49501"], // 2027-03-01, 6 months
    [36, 6, 0, "49491", "49492"], // the last day of preterm at birth
    [37, 0, 0, "49495", "49496"], // full term
    [40, 0, 180, "49495", "49496"],
    [40, 0, 181, "49500", "49501"],
    [23, 0, 181, "49491", "49492"], // 6 months, but 48+6 after conception: the preterm code wins
    [23, 0, 195, "49491", "49492"], // 50+6 after conception
    [23, 0, 196, "49500", "49501"], // 51+0 after conception
  ])(
    "born at %i+%i, %i days old: %s reducible, %s incarcerated",
    (weeks, days, daysOld, reducible, incarcerated) => {
      expect(hernia(REDUCIBLE, weeks, days, daysOld)).toBe(reducible);
      expect(hernia(INCARCERATED, weeks, days, daysOld)).toBe(incarcerated);
    },
  );

  it("moves to 49505/49507 on the 5th birthday whatever the prematurity", () => {
    for (const weeks of [22, 30, 40, 44]) {
      const on = (dateOfService: string) =>
        codeFor({
          procedure: REDUCIBLE,
          dateOfBirth: "2021-09-01",
          dateOfService,
          gestationalAgeAtBirth: { weeks, days: 0 },
        });
      expect(on("2026-08-31")).toBe("49500");
      expect(on("2026-09-01")).toBe("49505");
      expect(on("2026-09-02")).toBe("49505");
    }
  });

  it("answers a 2-year-old without the gestational age: 49500 however early the birth", () => {
    const request = {
      procedure: REDUCIBLE,
      dateOfBirth: "2024-09-01",
      dateOfService: "2026-10-13",
    };
    expect(codeFor(request)).toBe("49500");
    expect(codeFor({ ...request, procedure: INCARCERATED })).toBe("49501");
    expect(
      codeFor({
        procedure: REDUCIBLE,
        dateOfService: "2026-10-13",
        age: { value: 2, unit: "years" },
      }),
    ).toBe("49500");
  });

  it("refuses a baby's repair without the gestational age, naming it", () => {
    expect(
      select(shippedRules(), {
        procedure: REDUCIBLE,
        dateOfBirth: "2026-09-01",
        dateOfService: "2026-10-13",
      }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: "ambiguous-age",
        decidingInputs: ["gestationalAgeAtBirth"],
        codes: ["49491", "49495"],
      },
    });
  });

  it("gives every gestational age at birth from 22+0 to 44+6 exactly one code every day of the first year", () => {
    for (let atBirth = GESTATION_DAYS.min; atBirth <= GESTATION_DAYS.max; atBirth += 1) {
      for (let daysOld = 0; daysOld < 366; daysOld += 5) {
        expect(hernia(REDUCIBLE, Math.floor(atBirth / 7), atBirth % 7, daysOld)).toMatch(
          /^49(491|495|500)$/,
        );
      }
    }
  });

  it("has no code before 2005", () => {
    expect(
      codeFor({
        procedure: REDUCIBLE,
        dateOfBirth: "2004-01-01",
        dateOfService: "2004-12-31",
        gestationalAgeAtBirth: { weeks: 40, days: 0 },
      }),
    ).toBe("no-rule-in-effect");
  });
});
