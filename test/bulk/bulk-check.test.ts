import { Logger } from "@aws-lambda-powertools/logger";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BatchReport } from "../../bulk/batch-report.js";
import { createBulkCheck } from "../../bulk/bulk-check.js";
import { BULK_ERRORS } from "../../bulk/bulk-names.js";
import { MemoryRuleSource } from "../../support/memory-rule-source.js";
import { readShippedRules } from "../core/support/shipped-rules.js";
import { countingSource, totalContentReads } from "../support/counting-source.js";
import { stdoutLines } from "../support/stdout-lines.js";
import { batchEvents, CLAIM_SECRETS, claimsCsv } from "./support.js";

const shipped = async (logLevel: "INFO" | "ERROR" = "ERROR") => {
  const memory = new MemoryRuleSource();
  const version = await memory.publish(readShippedRules() as never, {
    actor: "alice",
    message: "shipped rules",
  });
  const counted = countingSource(memory);
  const handle = createBulkCheck({
    tableName: "in-memory",
    source: counted.source,
    publicKey: memory.publicKey,
    ttlSeconds: 60,
    logger: new Logger({ serviceName: "code-rules-bulk", logLevel }),
  });
  return { memory, version, handle, ...counted };
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the bulk-check function", () => {
  it("checks every batch against the pinned version read once, with no read per line or batch", async () => {
    const { version, handle, reads } = await shipped();
    const events = batchEvents(claimsCsv(), version, 3);
    const reports: BatchReport[] = [];
    for (const event of events) reports.push(await handle(event));
    expect(reports.map((report) => report.counts.lines)).toEqual([3, 3, 3, 2]);
    expect(reports.every((report) => report.ruleVersion === version)).toBe(true);
    expect(totalContentReads(reads)).toBe(1);
    // One revocation check and one list of versions, for the TTL window: not one per batch.
    expect(reads).toMatchObject({ pointer: 1, list: 1 });
  });

  it("logs and counts numbers only: never a date of birth or a claim id", async () => {
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
    vi.stubEnv("POWERTOOLS_DEV", "false");
    const { version, handle } = await shipped("INFO");
    const [event] = batchEvents(claimsCsv(), version, 1000);
    const lines = await stdoutLines(() => handle(event));
    expect(lines.find((line) => line.message === "batch checked")).toMatchObject({
      ruleVersion: version,
      lines: 11,
      consistent: 5,
      inconsistent: 2,
      notChecked: 4,
      malformed: 2,
    });
    expect(lines.find((line) => "_aws" in line)).toMatchObject({
      BulkLines: 11,
      BulkInconsistentLines: 2,
      BulkLinesNotChecked: 4,
      service: "code-rules-bulk",
    });
    const written = JSON.stringify(lines);
    for (const secret of CLAIM_SECRETS) expect(written).not.toContain(secret);
    expect(written).not.toContain("33952");
  });

  it("fails a batch of a revoked version, or of one never published, as refused: no retry helps", async () => {
    const { memory, version, handle } = await shipped();
    const [event] = batchEvents(claimsCsv(), version, 1000);
    await expect(handle({ ...event, BatchInput: { ruleVersion: 7 } })).rejects.toMatchObject({
      name: BULK_ERRORS.ruleVersionRefused,
      message: expect.stringMatching(/rule version 7 is not a published version/),
    });
    await memory.revoke(version, "wrong ECMO split");
    const fresh = createBulkCheck({
      tableName: "in-memory",
      source: memory,
      publicKey: memory.publicKey,
      ttlSeconds: 60,
    });
    await expect(fresh(event)).rejects.toMatchObject({
      name: BULK_ERRORS.ruleVersionRefused,
      message: `rule version ${version} is revoked: wrong ECMO split`,
    });
  });

  it("fails a batch as RulesUnavailable, which the state machine retries, when the table cannot be read", async () => {
    const { version, handle, fail } = await shipped();
    fail(new Error("connect ECONNREFUSED"));
    const [event] = batchEvents(claimsCsv(), version, 1000);
    await expect(handle(event)).rejects.toMatchObject({ name: BULK_ERRORS.rulesUnavailable });
  });

  it("refuses an event that is not a batch, naming the field but never its value", async () => {
    const { version, handle } = await shipped();
    const [event] = batchEvents(claimsCsv(), version, 1000);
    const items = event?.Items ?? [];
    const wrong = {
      ...event,
      Items: [{ ...items[0], row: { ...items[0]?.row, dateOfBirth: 20201125 } }],
    };
    const refused = await handle(wrong).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      name: BULK_ERRORS.batchRefused,
      message: "not a batch of the bulk audit: Items.0.row: each cell must be a string",
    });
    await expect(handle({ Items: items })).rejects.toMatchObject({
      message: "not a batch of the bulk audit: BatchInput: is required",
    });
  });
});
