import { describe, expect, it } from "vitest";
import type { BatchItem } from "../../bulk/batch-event.js";
import { checkBatch } from "../../bulk/batch-report.js";
import { BATCH_INPUT, BATCH_ITEM, BATCH_LIMITS } from "../../bulk/bulk-names.js";
import { claimCheck } from "../../claims/claim-check.js";
import { shippedRules } from "../core/support/shipped-rules.js";

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * A row whose report row is among the longest the shipped rules write: an age no band of the
 * procedure with the longest explanation covers, on a line number of eight digits.
 */
const longestRow = (index: number, note: string): BatchItem => ({
  [BATCH_ITEM.index]: 10_000_000 + index,
  [BATCH_ITEM.row]: {
    code: "99469",
    dateOfService: "2026-11-24",
    dateOfBirth: "1990-05-05",
    note,
  },
});

describe("the ItemBatcher's limits", () => {
  it("keep a full batch of the longest rows, carrying as much input as a batch may hold, under Step Functions' 256 KiB", () => {
    const { maxItems, maxInputBytes, maxOutputBytes } = BATCH_LIMITS;
    const bare = Array.from({ length: maxItems }, (_, at) => longestRow(at, ""));
    const event = (items: BatchItem[]) => ({
      Items: items,
      BatchInput: { [BATCH_INPUT.ruleVersion]: 1 },
    });
    // The input a batch may hold, spent on a carried column: the report carries it all through.
    const spare = Math.floor((maxInputBytes - bytes(event(bare))) / maxItems);
    const items = bare.map((_, at) => longestRow(at, "x".repeat(spare)));
    expect(bytes(event(items))).toBeLessThanOrEqual(maxInputBytes);
    expect(bytes(event(items))).toBeGreaterThan(maxInputBytes - maxItems);

    const report = checkBatch(claimCheck(shippedRules()), 1, items);
    expect(report.counts.refused).toEqual({ "age-not-covered": maxItems });
    expect(bytes(report)).toBeLessThan(maxOutputBytes);
  });
});
