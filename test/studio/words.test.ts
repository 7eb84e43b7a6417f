import { describe, expect, it } from "vitest";
import {
  ageRangeInWords,
  agesInWords,
  agesPhrase,
  dateInWords,
  effectiveInWords,
  personName,
  withWords,
} from "../../studio/web/words.js";

describe("what the studio says to people", () => {
  it("says dates as people write them", () => {
    expect(dateInWords("2027-01-01")).toBe("1 January 2027");
    expect(dateInWords("2026-12-31")).toBe("31 December 2026");
    expect(effectiveInWords({ from: "2027-01-01" })).toBe("effective from 1 January 2027");
    expect(effectiveInWords({ from: "2015-01-01", to: "2026-12-31" })).toBe(
      "effective 1 January 2015 through 31 December 2026",
    );
  });

  it("says a band's ages from its bounds, as the API does", () => {
    const years = (value: number) => ({ value, unit: "years" as const, inclusive: true });
    expect(agesPhrase({ lower: years(6) })).toBe("ages 6 years and older");
    expect(agesPhrase({ lower: years(0), upper: years(11) })).toBe("ages birth through 11 years");
    expect(agesPhrase({ lower: years(0) })).toBe("all ages");
  });

  it("says a baby's band and a band of one age as people do, not as 'through 0 years'", () => {
    const bound = (value: number, unit: "years" | "months", inclusive: boolean) => ({
      value,
      unit,
      inclusive,
    });
    const infant = { lower: bound(0, "years", true), upper: bound(1, "years", false) };
    expect(agesInWords(infant)).toBe("younger than 1 year");
    expect(agesPhrase(infant)).toBe("younger than 1 year");
    expect(agesInWords({ lower: bound(0, "months", true), upper: bound(0, "months", true) })).toBe(
      "younger than 1 month",
    );
    const six = { lower: bound(6, "years", true), upper: bound(6, "years", true) };
    expect(agesInWords(six)).toBe("6 years");
    expect(agesPhrase(six)).toBe("age 6 years");
    const unit = (value: number) => ({ value, unit: "years" as const });
    expect(ageRangeInWords({ atLeast: [unit(0)], youngerThan: [unit(1)] })).toBe(
      "younger than 1 year",
    );
    expect(ageRangeInWords({ atLeast: [unit(6)], youngerThan: [unit(7)] })).toBe("age 6 years");
  });

  it("says the ages whose answer changes as bands are said", () => {
    const years = (value: number) => ({ value, unit: "years" as const });
    expect(ageRangeInWords({ atLeast: [years(6)], youngerThan: [years(12)] })).toBe(
      "ages 6 years through 11 years",
    );
    expect(ageRangeInWords({ atLeast: [years(12)], youngerThan: [] })).toBe(
      "ages 12 years and older",
    );
    expect(ageRangeInWords({ atLeast: [years(0)], youngerThan: [years(6)] })).toBe(
      "ages birth through 5 years",
    );
  });

  it("names people, never by their identity", () => {
    const people = { "sign-in:alex": "Alex Editor" };
    expect(personName("sign-in:alex", people)).toBe("Alex Editor");
    expect(personName("arn:aws:sts::1:assumed-role/admin/dana", people)).toBe("an administrator");
  });

  it("replaces keys and identities in a sentence by their words, whole keys only", () => {
    const words = new Map([
      ["sign-in:alex", "Alex Editor"],
      ["ecmo-x", "ECMO X"],
      ["ecmo-x-33951", "33951 (ages birth through 5 years)"],
    ]);
    expect(withWords("its author (sign-in:alex) cannot approve it", words)).toBe(
      "its author (Alex Editor) cannot approve it",
    );
    expect(withWords("ecmo-x-33951 overlaps in ecmo-x; ecmo-xy stays", words)).toBe(
      "33951 (ages birth through 5 years) overlaps in ECMO X; ecmo-xy stays",
    );
  });
});
