import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { periodBetween } from "../../core/age.js";
import { formatIsoDate, parseIsoDate } from "../../core/calendar-date.js";
import { date, datePair as pair } from "./support/dates.js";

// In the integration tier: it needs Java, which runs the reference (reference/JavaPeriod.java).
describe("ageAt against java.time itself", () => {
  it("matches java.time.Period.between on random and edge-case dates", () => {
    const edgeDays = fc.constantFrom(
      "01-31",
      "02-28",
      "02-29",
      "03-01",
      "03-31",
      "04-30",
      "12-31",
      "01-01",
    );
    const edgePair = fc
      .tuple(
        fc.integer({ min: 1896, max: 2096 }),
        edgeDays,
        fc.integer({ min: 0, max: 130 }),
        edgeDays,
      )
      .map(
        ([year, birthDay, years, serviceDay]) =>
          [`${year}-${birthDay}`, `${year + years}-${serviceDay}`] as const,
      )
      .filter(([b, s]) => parseIsoDate(b, "b").ok && parseIsoDate(s, "s").ok && b <= s);
    const randomPair = pair.map(
      ({ birth, service }) => [formatIsoDate(birth), formatIsoDate(service)] as const,
    );
    const cases = [
      ...fc.sample(edgePair, { numRuns: 1_500, seed: 7 }),
      ...fc.sample(randomPair, { numRuns: 1_500, seed: 11 }),
    ];

    const java = spawnSync(
      "java",
      [fileURLToPath(new URL("reference/JavaPeriod.java", import.meta.url))],
      {
        input: cases.map((c) => c.join(" ")).join("\n"),
        encoding: "utf8",
      },
    );
    expect(java.status, java.stderr).toBe(0);
    const expected = java.stdout.trim().split("\n");
    expect(expected).toHaveLength(cases.length);
    cases.forEach(([birth, service], index) => {
      const { years, months, days, totalMonths, totalDays } = periodBetween(
        date(birth),
        date(service),
      );
      expect(`${birth} ${service} ${[years, months, days, totalMonths, totalDays].join(" ")}`).toBe(
        `${birth} ${service} ${expected[index]}`,
      );
    });
  });
});
