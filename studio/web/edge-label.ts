import type { Threshold } from "../../core/threshold.js";

const ordinal = (n: number): string => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
};

/** An edge of a band as people say it: "birth", "6th birthday", "29 days", "1 month". */
export const edgeLabel = ({ value, unit }: Threshold): string => {
  if (value === 0) return "birth";
  if (unit === "years") return `${ordinal(value)} birthday`;
  return `${value} ${value === 1 ? unit.slice(0, -1) : unit}`;
};
