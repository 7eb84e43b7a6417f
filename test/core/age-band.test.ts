import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AgeUnit } from "../../core/age.js";
import { type AgeBand, bandEnd, bandLabel, bandStart } from "../../core/age-band.js";
import { compareThresholds, type Threshold } from "../../core/threshold.js";
import { anyBand } from "./support/band-arbitraries.js";
import { bound } from "./support/rule-sets.js";

const unitOf = (word: string): AgeUnit => (word.endsWith("s") ? word : `${word}s`) as AgeUnit;

/**
 * The ages a label says, read back by a reader of the label's own three forms ("birth through 5
 * years", "2 through 5 years", "6 years and older"): from `start` up to `end`, excluded.
 */
const readLabel = (label: string): { start: Threshold; end?: Threshold } | undefined => {
  const older = /^(\d+) (\w+) and older$/.exec(label);
  if (older) return { start: { value: Number(older[1]), unit: unitOf(older[2] ?? "") } };
  const through = /^(birth|\d+)(?: (\w+))? through (\d+) (\w+)$/.exec(label);
  if (!through) return undefined;
  const [, from = "", fromUnit, to = "", toUnit = ""] = through;
  const end = { value: Number(to) + 1, unit: unitOf(toUnit) };
  const start =
    from === "birth"
      ? { value: 0, unit: "days" as const }
      : { value: Number(from), unit: unitOf(fromUnit ?? toUnit) };
  return { start, end };
};

describe("bandLabel", () => {
  it.each<[string, AgeBand]>([
    ["birth through 5 years", { lower: bound(0, "years"), upper: bound(5, "years") }],
    ["6 years and older", { lower: bound(6, "years") }],
    ["all ages", { lower: bound(0, "days") }],
    ["birth through 28 days", { lower: bound(0, "days"), upper: bound(28, "days") }],
    ["29 days through 23 months", { lower: bound(29, "days"), upper: bound(24, "months", false) }],
    ["2 through 5 years", { lower: bound(2, "years"), upper: bound(5, "years") }],
    ["29 days and older", { lower: bound(28, "days", false) }],
    ["birth through 1 year", { lower: bound(0, "years"), upper: bound(2, "years", false) }],
  ])("says %j from the bounds", (label, band) => {
    expect(bandLabel(band)).toBe(label);
  });

  it("says every band in words that state exactly its ages", () => {
    const band = anyBand.filter((b) => bandLabel(b) !== "all ages");
    fc.assert(
      fc.property(band, (b) => {
        const said = readLabel(bandLabel(b));
        expect(said && compareThresholds(said.start, bandStart(b))).toBe("same");
        const end = bandEnd(b);
        if (end) expect(said?.end && compareThresholds(said.end, end)).toBe("same");
        else expect(said?.end).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});
