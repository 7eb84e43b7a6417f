import { describe, expect, it } from "vitest";
import {
  DEFAULT_SORT,
  filterRows,
  gridRows,
  NO_FILTER,
  nextSort,
  sortRows,
} from "../../studio/web/grid-rows.js";
import { ECMO, shippedContent } from "./shipped-content.js";

const rows = gridRows(shippedContent());
const codes = (found: readonly { code: string }[]) => found.map((row) => row.code);

describe("the rule grid's rows", () => {
  it("are one per rule of the version, each with its procedure's name and its ages in words", () => {
    expect(rows.length).toBeGreaterThanOrEqual(106);
    const row = rows.find((r) => r.code === "33952");
    expect(row).toMatchObject({
      procedure: ECMO,
      procedureName:
        "Insertion of ECMO/ECLS cannula(s) into peripheral vessels through the skin (percutaneous)",
      ages: "6 years and older",
      from: "2015-01-01",
      to: "",
    });
  });
});

describe("the grid's rows of rules that share their ages", () => {
  it("show each one's other limits, and tell them apart by them", () => {
    const anesthesia = rows.filter((row) => row.code === "00834");
    expect(anesthesia.map((row) => row.limits).sort()).toEqual([
      "born at 37 weeks or later",
      "born before 37 weeks, from 50 weeks after conception",
    ]);
    expect(new Set(anesthesia.map((row) => row.said)).size).toBe(2);
    expect(rows.find((row) => row.code === "33952")?.limits).toBe("");
  });

  it("are found by words of their limits", () => {
    expect(codes(filterRows(rows, { ...NO_FILTER, search: "medicare" })).sort()).toEqual([
      "99152",
      "G0500",
    ]);
  });
});

describe("searching the grid", () => {
  it("finds a code's rows by its number", () => {
    expect(codes(filterRows(rows, { ...NO_FILTER, search: "33951" }))).toEqual(["33951"]);
  });

  it("finds rules by words of the procedure's name or the text, in any case, every word needed", () => {
    const found = filterRows(rows, { ...NO_FILTER, search: "ecmo PERCUTANEOUS insert" });
    expect(new Set(codes(found))).toEqual(new Set(["33951", "33952", "36822"]));
  });

  it("finds nothing for words no rule has", () => {
    expect(filterRows(rows, { ...NO_FILTER, search: "appendectomy" })).toEqual([]);
  });
});

describe("filtering the grid", () => {
  it("keeps one procedure's rules", () => {
    const found = filterRows(rows, { ...NO_FILTER, procedure: ECMO });
    expect(new Set(found.map((row) => row.procedure))).toEqual(new Set([ECMO]));
    expect(found).toHaveLength(3);
  });

  it("keeps the rules in effect on a date of service, the last date included", () => {
    const before2015 = filterRows(rows, {
      ...NO_FILTER,
      procedure: ECMO,
      inEffectOn: "2014-12-31",
    });
    expect(codes(before2015)).toEqual(["36822"]);
    const after = filterRows(rows, { ...NO_FILTER, procedure: ECMO, inEffectOn: "2015-01-01" });
    expect(new Set(codes(after))).toEqual(new Set(["33951", "33952"]));
  });
});

describe("sorting the grid", () => {
  const ecmo = filterRows(rows, { ...NO_FILTER, procedure: ECMO });

  it("orders by procedure first, then by date, then by age", () => {
    expect(codes(sortRows(ecmo, DEFAULT_SORT))).toEqual(["36822", "33951", "33952"]);
  });

  it("orders ages by where their band starts, days before years, either way round", () => {
    const byAges = sortRows(ecmo, { column: "ages", direction: "ascending" });
    expect(codes(byAges).at(-1)).toBe("33952");
    const down = sortRows(ecmo, { column: "ages", direction: "descending" });
    expect(codes(down)[0]).toBe("33952");
  });

  it("puts a rule with no end after every end", () => {
    expect(codes(sortRows(ecmo, { column: "to", direction: "ascending" }))[0]).toBe("36822");
  });

  it("turns the order round when the same header is clicked again, and starts ascending on another", () => {
    const once = nextSort(DEFAULT_SORT, "code");
    expect(once).toEqual({ column: "code", direction: "ascending" });
    expect(nextSort(once, "code")).toEqual({ column: "code", direction: "descending" });
  });
});
