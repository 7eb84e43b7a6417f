import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { BatchReport } from "../../bulk/batch-report.js";
import { createBulkCheck } from "../../bulk/bulk-check.js";
import { BULK_ERRORS } from "../../bulk/bulk-names.js";
import { EXIT } from "../../cli/exit-codes.js";
import { cliOnTable } from "../cli/support.js";
import { SHIPPED_RULES_DIR } from "../core/support/shipped-rules.js";
import { publicKey } from "../support/signing.js";
import { dynamoClient } from "../support/tables.js";
import { batchEvents, claimsCsv, reportRowsOf } from "./support.js";

const table = `bulk-check-${Date.now()}`;
const { work, cli, ok } = cliOnTable(table);

/** The function as the stack wires it: the rules table, the key every read is verified with. */
const handle = createBulkCheck({
  tableName: table,
  client: dynamoClient(),
  publicKey,
  ttlSeconds: 5,
});

describe("the bulk-check function on the rules table", () => {
  beforeAll(async () => {
    await ok("init");
    await ok("publish", SHIPPED_RULES_DIR, "-m", "shipped rules");
  });

  it("returns, batch by batch, the rows `code-rules check-claims` writes for the same lines", async () => {
    const claims = join(work, "claims.csv");
    const report = join(work, "report.csv");
    writeFileSync(claims, claimsCsv());
    const run = await cli("--json", "check-claims", claims, "-o", report, "--rule-version", "1");
    expect(run.code).toBe(EXIT.refused);

    const batches: BatchReport[] = [];
    for (const event of batchEvents(claimsCsv(), 1, 4)) batches.push(await handle(event));
    const written = readFileSync(report, "utf8");
    expect(batches.map((batch) => batch.rows).join("")).toBe(reportRowsOf(written));
    const [header] = parse(written, { bom: true, to_line: 1 }) as string[][];
    for (const batch of batches) expect(batch.header).toEqual(header);

    const summary = JSON.parse(run.stdout) as Record<
      "lines" | "inconsistent" | "malformed",
      number
    >;
    const sum = (field: "lines" | "inconsistent" | "malformed") =>
      batches.reduce((total, batch) => total + batch.counts[field], 0);
    expect([sum("lines"), sum("inconsistent"), sum("malformed")]).toEqual([
      summary.lines,
      summary.inconsistent,
      summary.malformed,
    ]);
  });

  it("refuses a version the table does not hold as published, as no retry would change", async () => {
    const [event] = batchEvents(claimsCsv(), 2, 1000);
    await expect(handle(event)).rejects.toMatchObject({ name: BULK_ERRORS.ruleVersionRefused });
  });
});
