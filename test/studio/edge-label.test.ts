import { describe, expect, it } from "vitest";
import type { Threshold } from "../../core/threshold.js";
import { edgeLabel } from "../../studio/web/edge-label.js";

const SAID: [Threshold, string][] = [
  [{ value: 0, unit: "days" }, "birth"],
  [{ value: 6, unit: "years" }, "6th birthday"],
  [{ value: 1, unit: "years" }, "1st birthday"],
  [{ value: 2, unit: "years" }, "2nd birthday"],
  [{ value: 3, unit: "years" }, "3rd birthday"],
  [{ value: 11, unit: "years" }, "11th birthday"],
  [{ value: 12, unit: "years" }, "12th birthday"],
  [{ value: 21, unit: "years" }, "21st birthday"],
  [{ value: 112, unit: "years" }, "112th birthday"],
  [{ value: 29, unit: "days" }, "29 days"],
  [{ value: 1, unit: "months" }, "1 month"],
  [{ value: 24, unit: "months" }, "24 months"],
];

describe("a band edge as the studio's picture names it", () => {
  it("says years as birthdays, and days and months as counts", () => {
    expect(SAID.map(([edge]) => edgeLabel(edge))).toEqual(SAID.map(([, said]) => said));
  });
});
