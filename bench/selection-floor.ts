import type { RuleSet } from "../core/rule-set.js";
import type { SelectionRequest } from "../core/select.js";

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date (days_from_civil, as core/calendar-date.ts counts).
 * The floor keeps its date arithmetic to itself: handing the core's toEpochDay dates made here
 * changes what the JIT learns of the core's dates, and measurably slows the very selection the
 * floor is measured beside, for the rest of the process.
 */
const dayOf = (iso: string): number => {
  const [year = 0, month = 0, date = 0] = iso.split("-").map(Number);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
};

/**
 * What a selection would cost at its least: each procedure's rules in effect on the date, by the
 * day each band starts, and a binary search of the patient's age in days among them.
 */
export const floorOf = (ruleSet: RuleSet, dateOfService: string) => {
  const day = dayOf;
  const service = day(dateOfService);
  const edges = new Map<string, { starts: number[]; codes: string[] }>();
  for (const rule of ruleSet.rules) {
    const { from, to } = rule.effective;
    if (day(from) > service || (to !== undefined && day(to) < service)) continue;
    const unitDays = { days: 1, months: 30.44, years: 365.25 }[rule.band.lower.unit];
    const starts = Math.round(
      (rule.band.lower.value + (rule.band.lower.inclusive ? 0 : 1)) * unitDays,
    );
    const entry = edges.get(rule.procedure) ?? { starts: [], codes: [] };
    const at = entry.starts.findIndex((start) => start > starts);
    const place = at < 0 ? entry.starts.length : at;
    entry.starts.splice(place, 0, starts);
    entry.codes.splice(place, 0, rule.code);
    edges.set(rule.procedure, entry);
  }
  return (request: SelectionRequest): string | undefined => {
    const entry = edges.get(request.procedure);
    if (!entry || request.dateOfBirth === undefined) return undefined;
    const age = service - day(request.dateOfBirth);
    let [low, high] = [0, entry.starts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((entry.starts[middle] ?? 0) <= age) low = middle;
      else high = middle - 1;
    }
    return entry.codes[low];
  };
};
