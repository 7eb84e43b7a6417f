import { performance } from "node:perf_hooks";
import { checkCode } from "../core/check.js";
import { compiledOf } from "../core/compiled-rule-set.js";
import { limitProblems } from "../core/limits.js";
import { describeProblems } from "../core/rule-problem.js";
import type { RuleSet, RuleSetContent } from "../core/rule-set.js";
import { select } from "../core/select.js";
import { validateRuleSet } from "../core/validate.js";
import { canonicalContent, textChecksum } from "../store/checksum.js";
import { largeRuleSet } from "../support/large-rule-sets.js";
import { sampleRequests } from "./core-bench.js";
import { median } from "./median.js";
import { floorOf } from "./selection-floor.js";

/** The rule-set sizes measured: a small set, a large one, and the limit. */
export const SCALE_SIZES = [100, 1_000, 5_000] as const;

export interface ScaleFigures {
  readonly selectMicros: Record<number, number>;
  readonly checkMicros: Record<number, number>;
  /** The floor: a Map by procedure and a binary search over band edges, on the 5,000-rule requests. */
  readonly floorMicros: number;
  /** A version's load before any read: validation, checksum and compilation, as a new instance makes it. */
  readonly loadMs: Record<number, number>;
  /** JSON.parse of the 5,000-rule version's JSON: what its load is held against. */
  readonly parseMs: number;
}

const ROUNDS = 15;
const LOAD_ROUNDS = 9;
const REQUESTS = 5_000;
const LIMIT = 5_000;

/** Microseconds per call over the requests: one round. */
const microsOver = <T>(requests: readonly T[], work: (request: T) => unknown): number => {
  const started = performance.now();
  for (const request of requests) work(request);
  return ((performance.now() - started) * 1000) / requests.length;
};

/**
 * Each kind of work timed in rounds, the kinds in turns so that a busy moment of the machine
 * weighs on all alike, after a warm-up round: the median of each.
 */
const inTurns = (works: Record<string, () => number>): Record<string, number> => {
  const rounds = Object.fromEntries(Object.keys(works).map((name) => [name, [] as number[]]));
  for (const work of Object.values(works)) work();
  for (let round = 0; round < ROUNDS; round += 1)
    for (const [name, work] of Object.entries(works)) rounds[name]?.push(work());
  return Object.fromEntries(Object.entries(rounds).map(([name, times]) => [name, median(times)]));
};

/** The generated set, refused loudly if it is past the limits the product serves. */
const generated = (size: number): { json: string; ruleSet: RuleSet } => {
  const content = largeRuleSet(size);
  const pastLimits = limitProblems(content);
  if (pastLimits.length > 0)
    throw new Error(
      `the generated ${size}-rule set is past the limits: ${describeProblems(pastLimits)}`,
    );
  const validated = validateRuleSet(content);
  if (!validated.ok) throw new Error(`the generated ${size}-rule set does not validate`);
  // The text a version's compressed copy holds, which the function reads.
  return { json: canonicalContent(content), ruleSet: validated.value };
};

/**
 * Milliseconds to check and compile a version's content as the loader does (the checksum of the
 * text as read, validation, compilation), each round on a fresh copy, as a new instance reads one,
 * after a warm-up round; and to parse its JSON alone, in turns with it.
 */
const loadOf = (json: string): { loadMs: number; parseMs: number } => {
  // As decompressed: the loader hashes the bytes before it decodes them.
  const bytes = Buffer.from(json);
  const load = (): number => {
    const content = JSON.parse(json) as RuleSetContent;
    const started = performance.now();
    textChecksum(bytes);
    const validated = validateRuleSet(content);
    if (!validated.ok) throw new Error("a generated set stopped validating");
    compiledOf(validated.value);
    return performance.now() - started;
  };
  const parse = (): number => {
    const started = performance.now();
    JSON.parse(json);
    return performance.now() - started;
  };
  const rounds = { load: [load()], parse: [parse()] };
  for (let round = 0; round < LOAD_ROUNDS; round += 1) {
    rounds.load.push(load());
    rounds.parse.push(parse());
  }
  return { loadMs: median(rounds.load.slice(1)), parseMs: median(rounds.parse.slice(1)) };
};

/**
 * Selection and check per request at 100, 1,000 and 5,000 rules (the limit), beside the floor at
 * the limit: a selection's cost must not grow with the rule set, which a scan of every rule made
 * it do. All sizes are timed in the same turns, so that the state of the machine and of the JIT
 * weighs on each alike; then a version's load at each size, beside parsing the limit's JSON alone.
 */
export const measureScale = (): ScaleFigures => {
  const sets = SCALE_SIZES.map((size) => {
    const { json, ruleSet } = generated(size);
    const requests = sampleRequests(ruleSet, REQUESTS);
    // The billed code with the procedure named, as a claim line carries it, built beforehand.
    const checks = requests.map((request) => ({ ...request, code: "0001F" }));
    return { size, json, ruleSet, requests, checks };
  });
  const limit = sets.find(({ size }) => size === LIMIT);
  if (!limit) throw new Error("the scale bench measures the limit");
  const floor = floorOf(limit.ruleSet, "2026-11-24");
  const times = inTurns({
    ...Object.fromEntries(
      sets.flatMap(({ size, ruleSet, requests, checks }) => [
        [`select ${size}`, () => microsOver(requests, (request) => select(ruleSet, request))],
        [`check ${size}`, () => microsOver(checks, (request) => checkCode(ruleSet, request))],
      ]),
    ),
    floor: () => microsOver(limit.requests, floor),
  });
  const bySize = (kind: string) =>
    Object.fromEntries(SCALE_SIZES.map((size) => [size, times[`${kind} ${size}`] ?? Number.NaN]));
  const loads = sets.map(({ json }) => loadOf(json));
  return {
    selectMicros: bySize("select"),
    checkMicros: bySize("check"),
    floorMicros: times.floor ?? Number.NaN,
    loadMs: Object.fromEntries(
      SCALE_SIZES.map((size, i) => [size, loads[i]?.loadMs ?? Number.NaN]),
    ),
    parseMs: loads[SCALE_SIZES.indexOf(LIMIT)]?.parseMs ?? Number.NaN,
  };
};
