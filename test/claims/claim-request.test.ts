import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLAIM_COLUMNS, claimLayout } from "../../claims/claim-layout.js";
import { claimRequest, plainRequest, requestBody } from "../../claims/claim-request.js";
import { checkRequestSchema } from "../../http/request-schemas.js";

const layout = claimLayout([...CLAIM_COLUMNS]);
if (!layout.ok) throw new Error(layout.error);

/** Mostly `usual`, sometimes one of `edges`. */
const mostly = (usual: readonly string[], edges: readonly string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...usual), weight: 4 }, fc.constantFrom(...edges));

// Cells near the edges of what the schema takes: many lines plainly valid, many not quite.
const cells = fc
  .tuple(
    fc.constantFrom("C1", ""),
    mostly(["33951", "0001F", "A1234"], ["3395", "33951 ", "x", ""]),
    mostly(["", "ecmo-cannula-insertion-percutaneous"], ["p".repeat(200), "p".repeat(201)]),
    mostly(["2026-11-24"], ["2026-02-30", "2026/11/24", " 2026-11-24", ""]),
    fc.boolean(),
    mostly(["2020-11-25", "2020-02-29"], ["20-11-25", ""]),
    mostly(["0", "5", "007", "9".repeat(15)], ["2.5", "-1", "1e3", "9".repeat(16), ""]),
    mostly(["years", "months", "days"], ["weeks", "Years", ""]),
    mostly(["", "22", "44"], ["21", "45", "39.5", "x"]),
    mostly(["", "0", "6"], ["7", "-1"]),
    mostly(["", "1400", "1500", "500000"], ["0", "500001", "1.5", "x"]),
    mostly(["", "medicare", "commercial"], ["p".repeat(120), "p".repeat(121)]),
  )
  .map(([id, code, procedure, service, byAge, birth, age, unit, weeks, days, weight, payer]) => [
    id,
    code,
    procedure,
    service,
    byAge ? "" : birth,
    byAge ? age : "",
    byAge ? unit : "",
    weeks,
    days,
    weight,
    payer,
  ]);

describe("a claim line's request, read without the schema when plainly valid", () => {
  it("is the request the schema reads, for every line the plain path takes; the rest go to the schema", () => {
    let plain = 0;
    fc.assert(
      fc.property(cells, (line) => {
        const taken = plainRequest(layout.value, line);
        const parsed = checkRequestSchema.safeParse(requestBody(layout.value, line));
        const request = claimRequest(layout.value, line);
        if (taken === undefined) return;
        plain += 1;
        expect(parsed.success && parsed.data).toEqual(taken);
        expect(request).toEqual({ ok: true, value: taken });
      }),
      { numRuns: 5000 },
    );
    // The plain path is the one nearly every line of a claims file takes: it must be taken here.
    expect(plain).toBeGreaterThan(500);
  });

  it("leaves the schema's own words to a line that is not plainly valid", () => {
    const line = ["C1", "33951", "", "2026-11-24", "", "2.5", "years", "", "", "", ""];
    expect(plainRequest(layout.value, line)).toBeUndefined();
    expect(claimRequest(layout.value, line)).toEqual({
      ok: false,
      error: "age: must be a whole number",
    });
  });

  it("reads present weight and the payer as the API does: whole grams, any program name", () => {
    const line = [
      "C1",
      "99478",
      "",
      "2026-11-24",
      "2026-11-04",
      "",
      "",
      "",
      "",
      "1400",
      "medicare",
    ];
    expect(claimRequest(layout.value, line)).toMatchObject({
      ok: true,
      value: { weightGrams: 1400, payer: "medicare" },
    });
    const heavy = [...line.slice(0, 9), "1400.5", ""];
    expect(claimRequest(layout.value, heavy)).toEqual({
      ok: false,
      error: "weightGrams: must be a whole number",
    });
  });
});
