import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claimCheck } from "../../claims/claim-check.js";
import { checkCode } from "../../core/check.js";
import type { CheckRequestBody } from "../../http/request-schemas.js";
import { patientOf } from "../../lambda/api/select-route.js";
import { shippedRules } from "../core/support/shipped-rules.js";

const ruleSet = shippedRules();
const HERNIA = "inguinal-hernia-repair-initial-reducible";

/** The core's own check of the request, remembering nothing. */
const direct = (request: CheckRequestBody) =>
  checkCode(ruleSet, {
    code: request.code,
    procedure: request.procedure,
    ...patientOf(request, ""),
  });

// A request by age near the edges the shipped rules turn on: infants' hernia repair, where the
// gestational age decides, and the ECMO split at the 6th birthday.
const byAge = fc.record({
  code: fc.constantFrom("49491", "49495", "49496", "33951", "33952"),
  procedure: fc.constantFrom(undefined, HERNIA),
  dateOfService: fc.constantFrom("2026-11-24", "2014-06-30"),
  age: fc.record({
    value: fc.integer({ min: 0, max: 8 }),
    unit: fc.constantFrom("days", "months", "years"),
  }),
  gestationalAgeAtBirth: fc.constantFrom(undefined, { weeks: 30, days: 2 }, { weeks: 36, days: 6 }),
});

type ByAge = CheckRequestBody & { age: NonNullable<CheckRequestBody["age"]> };

/** The request with one field the check reads changed, for each such field. */
const oneFieldOff = (request: ByAge): Record<string, CheckRequestBody> => {
  const atBirth = request.gestationalAgeAtBirth ?? { weeks: 36, days: 6 };
  return {
    code: { ...request, code: request.code === "49496" ? "49495" : "49496" },
    procedure: { ...request, procedure: request.procedure ? undefined : HERNIA },
    dateOfService: { ...request, dateOfService: "2015-06-30" },
    ageValue: { ...request, age: { ...request.age, value: request.age.value + 1 } },
    ageUnit: {
      ...request,
      age: { ...request.age, unit: request.age.unit === "days" ? "months" : "days" },
    },
    weeks: { ...request, gestationalAgeAtBirth: { ...atBirth, weeks: atBirth.weeks - 4 } },
    days: { ...request, gestationalAgeAtBirth: { ...atBirth, days: (atBirth.days + 3) % 7 } },
  };
};

describe("a claim line's check, remembered for checks by age", () => {
  it("answers every request as the core does, a request one field off from one remembered too", () => {
    const answeredOtherwise = new Set<string>();
    fc.assert(
      fc.property(byAge, (request) => {
        for (const [field, changed] of Object.entries(oneFieldOff(request))) {
          const check = claimCheck(ruleSet);
          expect(check(request)).toEqual(direct(request));
          expect(check(changed)).toEqual(direct(changed));
          if (JSON.stringify(direct(changed)) !== JSON.stringify(direct(request)))
            answeredOtherwise.add(field);
        }
      }),
      // A fixed seed: the fields each run changes an answer by are the same every time.
      { numRuns: 25, seed: 27 },
    );
    // Each field changed some answer: a key that left one out would have been caught above.
    expect([...answeredOtherwise].sort()).toEqual(
      ["ageUnit", "ageValue", "code", "dateOfService", "days", "procedure", "weeks"].sort(),
    );
  });

  it("checks the same age, code and date of service once", () => {
    const check = claimCheck(ruleSet);
    const request: CheckRequestBody = {
      code: "33951",
      dateOfService: "2026-11-24",
      age: { value: 5, unit: "years" },
    };
    expect(check({ ...request })).toBe(check({ ...request }));
    const byBirth: CheckRequestBody = {
      code: "33951",
      dateOfService: "2026-11-24",
      dateOfBirth: "2020-11-25",
    };
    expect(check(byBirth)).not.toBe(check(byBirth));
  });
});
