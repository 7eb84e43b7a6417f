import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBatch } from "../../bulk/batch-report.js";
import { BULK_ERRORS } from "../../bulk/bulk-names.js";
import { claimCheck } from "../../claims/claim-check.js";
import { checkClaimsFile } from "../../cli/check-claims.js";
import { shippedRules } from "../core/support/shipped-rules.js";
import { batchEvents, claimsCsv, reportRowsOf } from "./support.js";

const ruleSet = shippedRules();
const work = mkdtempSync(join(tmpdir(), "code-rules-bulk-"));
const QUIET = { terminal: { isTTY: false, write: () => true } };

/** The CLI's report of `csv`, from its own in-process pipeline, against the shipped rules. */
const cliReport = async (csv: string, name: string): Promise<string> => {
  const input = join(work, `${name}.csv`);
  const report = join(work, `${name}-report.csv`);
  writeFileSync(input, csv);
  await checkClaimsFile({ version: 1, ruleSet }, input, report, QUIET);
  return readFileSync(report, "utf8");
};

/** The rows and header of `csv` checked in batches of `size`, as the state machine runs them. */
const bulkReport = (csv: string, size: number) => {
  const check = claimCheck(ruleSet);
  const batches = batchEvents(csv, 1, size).map(({ Items }) => checkBatch(check, 1, Items));
  return {
    header: batches[0]?.header,
    rows: batches.map((batch) => batch.rows).join(""),
    batches,
  };
};

const headerOf = (report: string): string[] =>
  (parse(report, { bom: true, to_line: 1 }) as string[][])[0] ?? [];

describe("a batch of a bulk audit", () => {
  it.each([1, 4, 1000])(
    "has the CLI's report rows byte for byte, in batches of %i, and the CLI's header",
    async (size) => {
      const report = await cliReport(claimsCsv(), `shipped-${size}`);
      const bulk = bulkReport(claimsCsv(), size);
      expect(bulk.rows).toBe(reportRowsOf(report));
      expect(bulk.header).toEqual(headerOf(report));
      expect(bulk.batches.map((batch) => batch.firstLine)).toEqual(
        Array.from({ length: bulk.batches.length }, (_, at) => 2 + at * size),
      );
    },
  );

  it("counts what the CLI's summary counts", async () => {
    const { batches } = bulkReport(claimsCsv(), 1000);
    expect(batches[0]?.counts).toEqual({
      lines: 11,
      consistent: 5,
      inconsistent: 2,
      inconsistentByCode: [{ code: "33952", expected: "33951", lines: 2 }],
      refused: { "ambiguous-age": 1, "invalid-request": 2, "unknown-code": 1 },
      malformed: 2,
    });
  });

  it("agrees with the CLI on generated lines near the rules' edges", async () => {
    const cell = (values: readonly string[]) => fc.constantFrom(...values);
    const line = fc
      .tuple(
        cell(["33951", "33952", "49491", "49495", "49496", "99999", "3395"]),
        cell(["2026-11-24", "2014-06-30", "2026-02-28", "2026-13-01"]),
        fc.oneof(
          cell(["2020-11-25", "2020-11-24", "2020-02-29", "2026-09-01", "2026-11-25"]).map(
            (born) => `${born},,`,
          ),
          fc
            .tuple(
              cell(["0", "5", "6", "71", "72", "2.5", "-1"]),
              cell(["days", "months", "years"]),
            )
            .map(([age, unit]) => `,${age},${unit}`),
        ),
        cell(["", "30", "36", "39"]),
        cell(["", "=1+1", "a,b"].map((text) => (text.includes(",") ? `"${text}"` : text))),
      )
      .map(
        ([code, service, patient, weeks, plan]) =>
          `C,${code},${service},${patient},,${weeks},${weeks ? "2" : ""},${plan}`,
      );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 40 }), async (lines) => {
        run += 1;
        const csv = claimsCsv(lines);
        expect(bulkReport(csv, 7).rows).toBe(reportRowsOf(await cliReport(csv, `fuzz-${run}`)));
      }),
      { numRuns: 40, seed: 27 },
    );
  });

  it("reads the header from the rows' keys, without a spreadsheet's byte-order mark", () => {
    const [event] = batchEvents(`\uFEFF${claimsCsv()}`, 1, 1000);
    const columns = Object.keys(event?.Items[0]?.row ?? {});
    expect(columns[0]).toBe("\uFEFFclaimId");
    const report = checkBatch(claimCheck(ruleSet), 1, event?.Items ?? []);
    expect(report.header.slice(0, 3)).toEqual(["line", "claimId", "plan"]);
    expect(report.rows).toBe(bulkReport(claimsCsv(), 1000).rows);
  });

  it("refuses a file whose header lacks a column it needs, quoting no cell", () => {
    const [event] = batchEvents(
      "claimId,dateOfService,dateOfBirth\nX1,2026-11-24,2020-11-25\n",
      1,
      9,
    );
    expect(() => checkBatch(claimCheck(ruleSet), 1, event?.Items ?? [])).toThrow(
      expect.objectContaining({
        name: BULK_ERRORS.batchRefused,
        message: "the claims file cannot be checked: the header has no column code",
      }),
    );
  });

  it("has no rows for an empty batch", () => {
    expect(checkBatch(claimCheck(ruleSet), 3, [])).toMatchObject({ rows: "", header: [] });
  });
});
