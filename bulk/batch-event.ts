import { err, ok, type Result } from "../core/result.js";
import * as z from "../core/zod.js";
import { BATCH_INPUT, BATCH_ITEM } from "./bulk-names.js";

/*
 * The event a child workflow of the bulk-audit state machine invokes the function with: the
 * ItemBatcher's `Items` (each a CSV row as the ItemSelector shapes it) and its `BatchInput`.
 */

const batchItemSchema = z.object({
  // The CSV reader gives every field as a string.
  [BATCH_ITEM.index]: z.int().check(z.minimum(0)),
  [BATCH_ITEM.row]: z.record(z.string(), z.string()),
});

const batchEventSchema = z.object({
  Items: z.array(batchItemSchema),
  BatchInput: z.object({ [BATCH_INPUT.ruleVersion]: z.int().check(z.minimum(1)) }),
});

export type BatchItem = z.infer<typeof batchItemSchema>;
export type BatchEvent = z.infer<typeof batchEventSchema>;

/** Where a row's cells start in an issue's path: `Items`, the item's number, `row`. */
const CELL_AT = 3;

/**
 * The event as a batch, or why it is not one: the field's path and what it must be, never the
 * value, which may be a date of birth. A cell is not named either: a file without its header line
 * has a claim line's cells for column names.
 */
export const batchEventOf = (event: unknown): Result<BatchEvent, string> => {
  const parsed = batchEventSchema.safeParse(event);
  if (parsed.success) return ok(parsed.data);
  const [first] = parsed.error.issues;
  if (!first) return err("the event is not a batch");
  const inCell = first.path[CELL_AT - 1] === BATCH_ITEM.row && first.path.length >= CELL_AT;
  const field = first.path
    .slice(0, inCell ? CELL_AT : undefined)
    .map(String)
    .join(".");
  return err(`${field || "the event"}: ${inCell ? "each cell " : ""}${first.message}`);
};
