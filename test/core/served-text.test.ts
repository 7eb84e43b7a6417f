import { describe, expect, it } from "vitest";
import { servedText } from "../../core/served-text.js";
import { bound, weeks } from "./support/rule-sets.js";

const TEXT = "Place a central line through a central vein, exiting at the entry site";

describe("servedText: what callers read for a rule", () => {
  it("joins the rule's text with its band's label as one sentence", () => {
    expect(
      servedText({
        text: TEXT,
        band: { lower: bound(0, "years"), upper: bound(5, "years", false) },
      }),
    ).toBe(`${TEXT}, birth through 4 years`);
    expect(servedText({ text: TEXT, band: { lower: bound(5, "years") } })).toBe(
      `${TEXT}, 5 years and older`,
    );
    expect(servedText({ text: "Start ECMO/ECLS support", band: { lower: bound(0, "days") } })).toBe(
      "Start ECMO/ECLS support, all ages",
    );
  });

  it("says the limits on age from conception after the band, as the band is said, from the bounds", () => {
    const band = { lower: bound(0, "months"), upper: bound(6, "months", false) };
    const text = "Repair a reducible inguinal hernia, first time";
    expect(
      servedText({
        text,
        band,
        gestationalAgeAtBirth: { upper: weeks(37, false) },
        postConceptionAge: { upper: weeks(50) },
      }),
    ).toBe(
      `${text}, birth through 5 months, born before 37 weeks, through 50 weeks after conception`,
    );
    expect(
      servedText({
        text,
        band,
        gestationalAgeAtBirth: { lower: weeks(37) },
        postConceptionAge: { lower: weeks(50, false) },
      }),
    ).toBe(
      `${text}, birth through 5 months, born at 37 weeks or later, from 51 weeks after conception`,
    );
    expect(
      servedText({
        text,
        band,
        gestationalAgeAtBirth: { lower: weeks(32), upper: weeks(37, false) },
        postConceptionAge: { lower: weeks(40), upper: weeks(50) },
      }),
    ).toBe(
      `${text}, birth through 5 months, born at 32 through 36 weeks, 40 through 50 weeks after conception`,
    );
  });

  it("keeps one sentence when the text ends with a full stop", () => {
    expect(servedText({ text: `${TEXT}. `, band: { lower: bound(5, "years") } })).toBe(
      `${TEXT}, 5 years and older`,
    );
  });
});
