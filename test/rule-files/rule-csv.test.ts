import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Rule } from "../../core/rule-set.js";
import { readRuleFiles, readRuleFilesWithBase } from "../../rule-files/read-rule-files.js";
import { ruleCsvText } from "../../rule-files/rule-csv.js";
import { ruleSetChecksum } from "../../store/checksum.js";
import { validated } from "../core/support/rule-sets.js";
import { fileWith, shippedRuleSet } from "./support.js";

const readCsv = (text: string) => readRuleFiles(fileWith("rules.csv", text));

/** One shipped procedure and its rules: the property tests write and read it hundreds of times. */
const oneProcedure = () => {
  const { procedures, rules } = shippedRuleSet();
  const [first] = procedures;
  return {
    procedures: procedures.slice(0, 1),
    rules: rules.filter((rule) => rule.procedure === first?.key),
  };
};

const shippedCsv = () => ruleCsvText(shippedRuleSet(), 7);

/** The shipped rules' CSV with one cell of one rule's row replaced. */
const withCell = (ruleId: string, column: string, value: string): string => {
  const [header = [], ...rows] = parse(shippedCsv(), { bom: true }) as string[][];
  const at = header.indexOf(column);
  const edited = rows.map((row) => (row[2] === ruleId ? row.with(at, value) : row));
  return stringify([header, ...edited], { record_delimiter: "windows" });
};

describe("rules as CSV", () => {
  it("writes one row per rule under a header, RFC 4180 with a byte-order mark", () => {
    const text = shippedCsv();
    expect(text.startsWith("\uFEFFprocedure,procedure_name,rule_id,code,text,lower,")).toBe(true);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(shippedRuleSet().rules.length + 1);
  });

  it("reads the shipped rules back to the same checksum, with the base version", () => {
    const read = readRuleFilesWithBase(fileWith("rules.csv", shippedCsv()));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.baseVersion).toBe(7);
    expect(ruleSetChecksum(validated(read.value.content))).toBe(ruleSetChecksum(shippedRuleSet()));
  });

  it("round-trips any text: commas, quotes, line breaks, and cells a spreadsheet would run as formulas", () => {
    const ruleSet = oneProcedure();
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: "grapheme" }),
        fc.constantFrom(
          ...["", "=", "'=", "''+", "-", "@", ",", '"', " ", "\n", "\t", "\r", "\r\n"],
          ...[" =", "\u3000+", "＝", "＋", "－", "＠", "'＝", "a;=", "a; -", "a|@", "a\t=", "' ="],
        ),
        (text, prefix) => {
          const value = `${prefix}${text}`;
          const edited = {
            ...ruleSet,
            rules: ruleSet.rules.map((r, i) => (i === 0 ? { ...r, notes: value } : r)),
          };
          const read = readCsv(ruleCsvText(edited));
          const first =
            read.ok && read.value.rules.find((r) => (r as Rule).id === ruleSet.rules[0]?.id);
          expect(first && (first as Rule).notes).toBe(value);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("guards a cell that starts like a formula with an apostrophe", () => {
    const ruleSet = shippedRuleSet();
    const text = ruleCsvText({
      ...ruleSet,
      rules: ruleSet.rules.map((r, i) => (i === 0 ? { ...r, notes: '=HYPERLINK("x")' } : r)),
    });
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it.each([
    ["a formula after a separator", 'see note;=HYPERLINK("http://x")'],
    ["a formula after a leading space", " =1+1"],
    ["a formula after a separator and blanks", "a |\u3000@SUM(A1)"],
    ["a full-width formula", "＝1+1"],
    ["a full-width formula after a separator", "a;＋1"],
    ["a formula after a line break", "first line\n-1+1"],
  ])("guards %s: quoted, so no separator splits it, behind an apostrophe", (_, value) => {
    const ruleSet = shippedRuleSet();
    const text = ruleCsvText({
      ...ruleSet,
      rules: ruleSet.rules.map((r, i) => (i === 0 ? { ...r, notes: value } : r)),
    });
    expect(text).toContain(`"'${value.replaceAll('"', '""')}"`);
  });

  it("writes no cell a spreadsheet would run as a formula, whatever separator it splits at", () => {
    const ruleSet = oneProcedure();
    const piece = fc.constantFrom(
      ...["a", "1", " ", "\u3000", "\u00a0", "'", '"', ",", ";", "|", "\t", "\r", "\n"],
      ...["=", "+", "-", "@", "＝", "＋", "－", "＠"],
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const value = pieces.join("");
        const edited = {
          ...ruleSet,
          rules: ruleSet.rules.map((r, i) => (i === 0 ? { ...r, notes: value } : r)),
        };
        const text = ruleCsvText(edited);
        // A spreadsheet set to any of these separators, honouring quotes as spreadsheets do.
        const cells = (
          parse(text, {
            bom: true,
            delimiter: [",", ";", "|", "\t"],
            relax_quotes: true,
            relax_column_count: true,
          }) as string[][]
        ).flat();
        expect(cells.filter((cell) => /^\s*[=+\-@\t\r＝＋－＠]/.test(cell))).toEqual([]);
        // And what the guard wrote reads back as it was.
        const read = readCsv(text);
        const first =
          read.ok && read.value.rules.find((r) => (r as Rule).id === ruleSet.rules[0]?.id);
        expect(first && (first as Rule).notes).toBe(value);
      }),
      { numRuns: 300 },
    );
  });

  it("reads TRUE and FALSE as a spreadsheet writes them", () => {
    const read = readCsv(
      withCell("ecmo-cannula-insertion-percutaneous-33951", "lower_inclusive", "TRUE"),
    );
    expect(read.ok).toBe(true);
  });

  it.each([
    [
      "a bad number",
      "lower",
      "five",
      /rules\.csv: row \d+, column lower: "five" is not a whole number$/,
    ],
    [
      "an unknown unit",
      "lower_unit",
      "weeks",
      /row \d+, column lower_unit: "weeks" is not a unit: days, months or years$/,
    ],
    [
      "a bad true/false",
      "lower_inclusive",
      "yes",
      /column lower_inclusive: "yes" is not true or false$/,
    ],
    [
      "a half-given upper bound",
      "upper",
      "17",
      /column upper_unit: is empty; a bound needs upper, upper_unit and upper_inclusive; row \d+, column upper_inclusive: is empty/,
    ],
    [
      "a procedure named two ways",
      "procedure_name",
      "Another name",
      /column procedure_name: "Another name" differs from row \d+ \(.*\); every row of procedure ecmo-cannula-insertion-percutaneous must say the same$/,
    ],
    [
      "a range of age from conception it cannot read",
      "post_conception_age",
      "< 50 weeks and < 52 weeks",
      /column post_conception_age: "< 50 weeks and < 52 weeks" is not a range such as "< 37 weeks"/,
    ],
    [
      "two base versions",
      "base_version",
      "6",
      /column base_version: 6 disagrees with row 2 \(7\); the rows come from one export$/,
    ],
  ])("refuses %s, naming the row and the column", (_, column, value, message) => {
    // 33952's row comes after 33951's, which declares the procedure and the base version.
    const text = withCell("ecmo-cannula-insertion-percutaneous-33952", column, value);
    const read = readCsv(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(message);
    const row = text.split("\r\n").findIndex((line) => line.includes("percutaneous-33952")) + 1;
    if (!read.ok) expect(read.error).toContain(`row ${row}, column ${column}`);
  });

  it("writes and reads the limits on age from conception, one range per cell", () => {
    const [header = [], ...rows] = parse(shippedCsv(), { bom: true }) as string[][];
    const row = rows.find((cells) => cells[2] === "inguinal-hernia-repair-initial-reducible-49491");
    const cell = (column: string) => row?.[header.indexOf(column)];
    expect([cell("gestational_age_at_birth"), cell("post_conception_age")]).toEqual([
      "< 37 weeks",
      "<= 50 weeks",
    ]);
    const read = readCsv(
      withCell(
        "inguinal-hernia-repair-initial-reducible-49491",
        "post_conception_age",
        ">= 0 days and <= 50 weeks",
      ),
    );
    const rule = read.ok
      ? (read.value as unknown as { rules: Rule[] }).rules.find(
          (r) => r.id === "inguinal-hernia-repair-initial-reducible-49491",
        )
      : undefined;
    expect(rule?.postConceptionAge).toEqual({
      lower: { value: 0, unit: "days", inclusive: true },
      upper: { value: 50, unit: "weeks", inclusive: true },
    });
  });

  it("refuses a missing column and an unknown one, on row 1", () => {
    const text = shippedCsv();
    const read = readCsv(text.replace(",lower_unit,", ",").replace(/\r\n/, ",extra\r\n"));
    expect(read).toEqual({
      ok: false,
      error: expect.stringMatching(/: row 1: missing column\(s\) lower_unit$/),
    });
    expect(readCsv(text.replace("notes,", "note,"))).toEqual({
      ok: false,
      error: expect.stringMatching(/: row 1: unknown column\(s\) note$/),
    });
  });

  it("refuses text that is not CSV with the parser's reason", () => {
    expect(readCsv('procedure,"unclosed\n')).toEqual({
      ok: false,
      error: expect.stringMatching(/rules\.csv: not valid CSV \(.*quote/i),
    });
  });
});

describe("rules as CSV: limits besides age", () => {
  it("writes weight, payer and retirement cells and reads them back", async () => {
    const { ruleCsvText, readRuleCsv } = await import("../../rule-files/rule-csv.js");
    const content = {
      procedures: [
        {
          key: "gi-sedation",
          name: "Sedation",
          payers: ["commercial", "medicare"],
          retired: { from: "2030-01-01", reason: "deleted" },
        },
      ],
      rules: [
        {
          id: "cms",
          procedure: "gi-sedation",
          code: "G0500",
          text: "Sedation",
          band: { lower: { value: 0, unit: "years" as const, inclusive: true } },
          weightGrams: {
            lower: { value: 1500, inclusive: true },
            upper: { value: 2500, inclusive: true },
          },
          payers: { only: ["medicare"] },
          effective: { from: "2017-01-01", to: "2029-12-31" },
          source: "test fixture",
        },
      ],
    };
    const text = ruleCsvText(content);
    expect(text).toContain(">= 1500 and <= 2500,only medicare,");
    expect(text).toContain("commercial; medicare,2030-01-01,deleted");
    const read = readRuleCsv("rules.csv", text);
    expect(read).toMatchObject({ ok: true, value: { content } });
  });
});
