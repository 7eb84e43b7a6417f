import type { PayerLimit } from "../core/payer.js";
import type { WeightBound, WeightRange } from "../core/weight.js";

/*
 * A rule's limits besides age as spreadsheet cells, written and read back: a weight range in
 * grams ("< 1500", ">= 1500 and <= 2500") and a payer limit ("only medicare", "except medicare;
 * medicaid"). A reader returns the value, or the problem to name with the row and column.
 */

/** A weight range in one cell, in grams: "< 1500", ">= 1500 and <= 2500". */
export const describeWeight = (range: WeightRange | undefined): string | undefined =>
  range &&
  [
    range.lower && `${range.lower.inclusive ? ">=" : ">"} ${range.lower.value}`,
    range.upper && `${range.upper.inclusive ? "<=" : "<"} ${range.upper.value}`,
  ]
    .filter((part) => part !== undefined)
    .join(" and ");

/** A payer limit in one cell: "only medicare", "except medicare; medicaid". */
export const describePayers = (limit: PayerLimit | undefined): string | undefined =>
  limit &&
  (limit.only ? `only ${limit.only.join("; ")}` : `except ${(limit.except ?? []).join("; ")}`);

/** A list in one cell, separated by semicolons (a comma would need quoting). */
export const listOf = (value: string): string[] =>
  value
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "");

const WEIGHT_BOUND = /^(>=|>|<=|<)\s*(\d+)$/;
const PAYER_LIMIT = /^(only|except)\s+(.+)$/;

export const readWeight = (value: string): WeightRange | string => {
  const range: { lower?: WeightBound; upper?: WeightBound } = {};
  for (const part of value.split(/\s+and\s+/)) {
    const match = WEIGHT_BOUND.exec(part);
    const side = match?.[1]?.startsWith(">") ? "lower" : "upper";
    if (!match || range[side])
      return `${JSON.stringify(value)} is not a range of grams such as "< 1500" or ">= 1500 and <= 2500"`;
    range[side] = { value: Number(match[2]), inclusive: match[1]?.endsWith("=") === true };
  }
  return range;
};

export const readPayerLimit = (value: string): PayerLimit | string => {
  const match = PAYER_LIMIT.exec(value);
  if (!match)
    return `${JSON.stringify(value)} is not "only medicare" or "except medicare; medicaid"`;
  return match[1] === "only"
    ? { only: listOf(match[2] ?? "") }
    : { except: listOf(match[2] ?? "") };
};
