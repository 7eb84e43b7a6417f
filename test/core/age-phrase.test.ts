import { describe, expect, it } from "vitest";
import { statedAges } from "../../core/age-phrase.js";

const days = (value: number) => ({ value, unit: "days" });
const months = (value: number) => ({ value, unit: "months" });
const years = (value: number) => ({ value, unit: "years" });

describe("statedAges", () => {
  it.each([
    ["Insert a cannula, birth through 5 years", "birth through 5 years", days(0), years(6)],
    ["Insert a cannula, 6 years and older", "6 years and older", years(6), undefined],
    ["Insert a cannula, patients 6 Years or Older", "6 Years or Older", years(6), undefined],
    ["Critical care, younger than 2 years", "younger than 2 years", days(0), years(2)],
    ["Critical care, 2 through 5 years", "2 through 5 years", years(2), years(6)],
    [
      "Critical care, 29 days through 24 months of age",
      "29 days through 24 months of age",
      days(29),
      months(25),
    ],
    ["Newborn care, 28 days of age or less", "28 days of age or less", days(0), days(29)],
    ["Newborn care, 28 days old or younger", "28 days old or younger", days(0), days(29)],
    ["Infant care, older than 28 days", "older than 28 days", days(29), undefined],
    [
      "Infant care, older than 28 days through 1 year",
      "older than 28 days through 1 year",
      days(29),
      years(2),
    ],
    ["Infant care, 1 month and older", "1 month and older", months(1), undefined],
  ])("reads %j as %j", (text, phrase, start, end) => {
    expect(statedAges(text)).toEqual([{ phrase, start, ...(end ? { end } : {}) }]);
  });

  it.each([
    "Start ECMO/ECLS support, veno-venous",
    "Prolonged extracorporeal circulation, first 24 hours; reported before 2015 whatever the mode",
    "Insert cannula(s) for ECMO, any route and age",
    "Each further 24 hours of care",
  ])("states no ages in %j", (text) => {
    expect(statedAges(text)).toEqual([]);
  });

  it("reads every phrase of a text, in order", () => {
    expect(
      statedAges("Newborn (28 days or younger); not for 6 years and older").map((s) => s.phrase),
    ).toEqual(["28 days or younger", "6 years and older"]);
  });
});
