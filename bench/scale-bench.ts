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
  /** The same floor on the 100-rule requests: how much of a selection's growth is the memory's. */
  readonly floorMicrosAt100: number;
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
 * Milliseconds to parse a version's text and then to check and compile what was parsed as the
 * loader does (the checksum of the text as read, validation, compilation), each round on a fresh
 * parse, as a new instance reads one, after a warm-up round: the median of each.
 */
const loadOf = (json: string): { loadMs: number; parseMs: number } => {
  // As decompressed: the loader hashes the bytes before it decodes them.
  const bytes = Buffer.from(json);
  const round = (): { load: number; parse: number } => {
    const started = performance.now();
    const content = JSON.parse(json) as RuleSetContent;
    const parsed = performance.now();
    textChecksum(bytes);
    const validated = validateRuleSet(content);
    if (!validated.ok) throw new Error("a generated set stopped validating");
    compiledOf(validated.value);
    return { parse: parsed - started, load: performance.now() - parsed };
  };
  round();
  const rounds = Array.from({ length: LOAD_ROUNDS }, round);
  return {
    loadMs: median(rounds.map(({ load }) => load)),
    parseMs: median(rounds.map(({ parse }) => parse)),
  };
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
  const smallest = sets[0];
  if (!smallest) throw new Error("the scale bench measures 100 rules");
  const floor = floorOf(limit.ruleSet, "2026-11-24");
  const floorAt100 = floorOf(smallest.ruleSet, "2026-11-24");
  const times = inTurns({
    ...Object.fromEntries(
      sets.flatMap(({ size, ruleSet, requests, checks }) => [
        [`select ${size}`, () => microsOver(requests, (request) => select(ruleSet, request))],
        [`check ${size}`, () => microsOver(checks, (request) => checkCode(ruleSet, request))],
      ]),
    ),
    floor: () => microsOver(limit.requests, floor),
    "floor 100": () => microsOver(smallest.requests, floorAt100),
  });
  const bySize = (kind: string) =>
    Object.fromEntries(SCALE_SIZES.map((size) => [size, times[`${kind} ${size}`] ?? Number.NaN]));
  const loads = sets.map(({ json }) => loadOf(json));
  return {
    selectMicros: bySize("select"),
    checkMicros: bySize("check"),
    floorMicros: times.floor ?? Number.NaN,
    floorMicrosAt100: times["floor 100"] ?? Number.NaN,
    loadMs: Object.fromEntries(
      SCALE_SIZES.map((size, i) => [size, loads[i]?.loadMs ?? Number.NaN]),
    ),
    parseMs: loads[SCALE_SIZES.indexOf(LIMIT)]?.parseMs ?? Number.NaN,
  };
};
