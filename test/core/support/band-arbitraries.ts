import fc from "fast-check";
import { type AgeBand, bandEnd, bandStart } from "../../../core/age-band.js";
import { compareThresholds } from "../../../core/threshold.js";

const unit = fc.constantFrom("days" as const, "months" as const, "years" as const);
const ageBound = fc.record({ value: fc.nat(40), unit, inclusive: fc.boolean() });

/** Any band that holds at least one age: bounds of up to 40 in any unit, either end in or out. */
export const anyBand: fc.Arbitrary<AgeBand> = fc
  .record({ lower: ageBound, upper: fc.option(ageBound, { nil: undefined }) })
  .filter((b) => {
    const end = bandEnd(b);
    return !end || compareThresholds(bandStart(b), end) === "before";
  });
