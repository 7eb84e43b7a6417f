import fc from "fast-check";

/** Dates as callers might send them: real ones, impossible ones, other forms and non-dates. */
export const oddDate = fc.oneof(
  fc
    .date({ min: new Date("0001-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .tuple(
      fc.integer({ min: -5, max: 10_050 }),
      fc.integer({ min: -1, max: 14 }),
      fc.integer({ min: -1, max: 33 }),
    )
    .map(([y, m, d]) => `${y}-${m}-${d}`),
  fc.constantFrom(
    "2026-02-29",
    "2024-02-29",
    "0000-00-00",
    "2026-11-24T00:00:00Z",
    "",
    " 2026-11-24",
    "２０２６-11-24",
  ),
  fc.string({ maxLength: 12 }),
);

/** Any value a field might carry instead of the one it wants. */
export const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  oddDate,
  fc.string({ minLength: 10_000, maxLength: 20_000 }),
  fc.double(),
  fc.integer(),
);

/** Select request bodies with each field often well formed, often not, and often left out. */
export const nearlyValid = fc.record(
  {
    procedure: fc.oneof(
      fc.constantFrom(
        "ecmo-cannula-insertion-percutaneous",
        "neonatal-pediatric-critical-care-initial-day",
        "ecmo-initiation-vv",
      ),
      oddValue,
    ),
    dateOfService: fc.oneof(oddDate, oddValue),
    dateOfBirth: fc.oneof(oddDate, oddValue),
    age: fc.oneof(
      fc.record({
        value: fc.oneof(fc.integer({ min: -3, max: 2_000_000 }), oddValue),
        unit: fc.oneof(fc.constantFrom("days", "months", "years"), oddValue),
      }),
      oddValue,
    ),
    ruleVersion: fc.oneof(fc.integer({ min: -1, max: 3 }), oddValue),
  },
  { requiredKeys: [] },
);

const patient = fc.oneof(
  fc.record({
    dateOfService: fc.constantFrom("2026-11-24", "2025-01-01", "2026-02-30"),
    dateOfBirth: fc.constantFrom("2020-11-25", "2026-11-24", "1900-01-01", "2024-02-29"),
  }),
  fc.record(
    {
      dateOfService: fc.constantFrom("2026-11-24", "2025-01-01"),
      age: fc.record({
        value: fc.integer({ min: 0, max: 200 }),
        unit: fc.constantFrom("days", "months", "years"),
      }),
    },
    { requiredKeys: ["age"] },
  ),
);

const extras = fc.record(
  {
    gestationalAgeAtBirth: fc.record({
      weeks: fc.integer({ min: 22, max: 44 }),
      days: fc.integer({ min: 0, max: 6 }),
    }),
    ruleVersion: fc.integer({ min: 1, max: 3 }),
  },
  { requiredKeys: [] },
);

/** One field of a body given another value, taken away, or added where it has no place. */
const spoilt = (body: Record<string, unknown>) =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(body), "extra", "dateOfBirth", "age", "dateOfService"),
      fc.option(oddValue, { nil: undefined }),
    )
    .map(([key, value]) => {
      const { [key]: _, ...rest } = body;
      return value === undefined ? rest : { ...rest, [key]: value };
    });

/**
 * Request bodies that are valid three times in four and one field off otherwise, starting from the
 * fields given (the select route's procedure, the check route's code): the parsers' accepting path
 * and their refusals both get exercised.
 */
export const mostlyValid = (first: fc.Arbitrary<Record<string, unknown>>) => {
  const valid = fc
    .tuple(first, patient, extras)
    .map(([head, who, more]): Record<string, unknown> => ({ ...head, ...who, ...more }));
  return fc.oneof({ arbitrary: valid, weight: 3 }, valid.chain(spoilt));
};
