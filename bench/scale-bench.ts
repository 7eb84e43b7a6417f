import { performance } from "node:perf_hooks";
import { toEpochDay } from "../core/calendar-date.js";
import { checkCode } from "../core/check.js";
import { indexOf } from "../core/rule-index.js";
import type { RuleSet } from "../core/rule-set.js";
import { type SelectionRequest, select } from "../core/select.js";
import { validateRuleSet } from "../core/validate.js";
import { ruleSetChecksum } from "../store/checksum.js";
import { largeRuleSet } from "../support/large-rule-sets.js";
import { sampleRequests } from "./core-bench.js";
import { median } from "./median.js";

/** The rule-set sizes measured: a small set, a large one, and the limit. */
export const SCALE_SIZES = [100, 1_000, 5_000] as const;

export interface ScaleFigures {
  readonly selectMicros: Record<number, number>;
  readonly checkMicros: Record<number, number>;
  /** The floor: a Map by procedure and a binary search over band edges, on the 5,000-rule requests. */
  readonly floorMicros: number;
  /** A version's load before any read: validation, checksum and index, as a new instance makes it. */
  readonly loadMs: Record<number, number>;
}

const ROUNDS = 15;
const REQUESTS = 5_000;

/** Microseconds per call of `work` over the requests, median of rounds, after a warm-up round. */
const microsPer = (requests: readonly SelectionRequest[], work: (r: SelectionRequest) => void) => {
  const round = () => {
    const started = performance.now();
    for (const request of requests) work(request);
    return ((performance.now() - started) * 1000) / requests.length;
  };
  round();
  return median(Array.from({ length: ROUNDS }, round));
};

const validated = (content: unknown, size: number): RuleSet => {
  const ruleSet = validateRuleSet(content);
  if (!ruleSet.ok) throw new Error(`the generated ${size}-rule set does not validate`);
  return ruleSet.value;
};

/** Milliseconds to check and index a version's content as the loader does, median of rounds. */
const loadMsOf = (content: ReturnType<typeof largeRuleSet>, size: number): number => {
  const once = () => {
    const started = performance.now();
    const ruleSet = validated(content, size);
    ruleSetChecksum(ruleSet);
    indexOf(ruleSet);
    return performance.now() - started;
  };
  once();
  return median(Array.from({ length: 5 }, once));
};

/**
 * What a selection would cost at its least: each procedure's rules in effect on the date, by the
 * day each band starts, and a binary search of the patient's age in days among them.
 */
const floorOf = (ruleSet: RuleSet, dateOfService: string) => {
  const day = (iso: string) => {
    const [year = 0, month = 0, date = 0] = iso.split("-").map(Number);
    return toEpochDay({ year, month, day: date });
  };
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

/**
 * Selection and check per request at 100, 1,000 and 5,000 rules (the limit), beside the floor: a
 * selection's cost must not grow with the rule set, which a scan of every rule made it do.
 */
export const measureScale = (): ScaleFigures => {
  const selectMicros: Record<number, number> = {};
  const checkMicros: Record<number, number> = {};
  const loadMs: Record<number, number> = {};
  let floorMicros = Number.NaN;
  for (const size of SCALE_SIZES) {
    const content = largeRuleSet(size);
    loadMs[size] = loadMsOf(content, size);
    const ruleSet = validated(content, size);
    const requests = sampleRequests(ruleSet, REQUESTS);
    selectMicros[size] = microsPer(requests, (request) => select(ruleSet, request));
    // The billed code with the procedure named, as a claim line carries it.
    checkMicros[size] = microsPer(requests, (request) =>
      checkCode(ruleSet, { ...request, code: "0001F" }),
    );
    if (size === 5_000) {
      const floor = floorOf(ruleSet, "2026-11-24");
      floorMicros = microsPer(requests, floor);
    }
  }
  return { selectMicros, checkMicros, floorMicros, loadMs };
};
