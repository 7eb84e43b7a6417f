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
import { median, medianRatio } from "./median.js";
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
  /** Each ratio the goals are set on, the median of its ratios within a round. */
  readonly ratios: {
    /** select at 5,000 rules over the floor. */
    readonly selectToFloor: number;
    /** check at 5,000 rules over the floor. */
    readonly checkToFloor: number;
    /** select at 5,000 rules over select at 100. */
    readonly selectGrowth: number;
    /** The floor at 5,000 rules over the floor at 100: what a selection's growth owes to the memory. */
    readonly floorGrowth: number;
  };
}

const ROUNDS = 41;
const LOAD_ROUNDS = 21;
const REQUESTS = 5_000;
const LIMIT = 5_000;

/**
 * Reads every field of every request, as the function has just parsed the request it answers.
 * Without it a round found its requests in the processor's caches or not by what ran before it:
 * the floor at 100 rules reads the very requests select at 100 then answers, while check at 1,000
 * reads others before select at 5,000, which made a part of the growth measured the requests'.
 */
const readAll = (requests: readonly object[]): number => {
  let length = 0;
  for (const request of requests)
    for (const value of Object.values(request)) length += String(value).length;
  return length;
};

/** Microseconds per call over the requests, just read: one round. */
const microsOver = <T extends object>(
  requests: readonly T[],
  work: (request: T) => unknown,
): number => {
  if (readAll(requests) === 0) throw new Error("the scale bench has no requests to read");
  const started = performance.now();
  for (const request of requests) work(request);
  return ((performance.now() - started) * 1000) / requests.length;
};

/**
 * Each kind of work timed in rounds, the kinds in turns after a warm-up round, each round starting
 * one kind later: whatever a kind leaves in the caches, every other kind follows it alike. Each
 * kind's times, by round.
 */
const inTurns = (works: Record<string, () => number>): Record<string, number[]> => {
  const kinds = Object.entries(works);
  const rounds = Object.fromEntries(kinds.map(([name]) => [name, [] as number[]]));
  for (const [, work] of kinds) work();
  for (let round = 0; round < ROUNDS; round += 1)
    for (let turn = 0; turn < kinds.length; turn += 1) {
      const [name, work] = kinds[(round + turn) % kinds.length] as [string, () => number];
      rounds[name]?.push(work());
    }
  return rounds;
};

/** The median of one kind's times over another's, round by round (medianRatio). */
const ratioOf = (times: Record<string, number[]>, over: string, under: string): number =>
  medianRatio(times[over] ?? [], times[under] ?? []);

/** The generated set, refused loudly if it is past the limits the product serves. */
const generated = (size: number): ReturnType<typeof largeRuleSet> => {
  const content = largeRuleSet(size);
  const pastLimits = limitProblems(content);
  if (pastLimits.length > 0)
    throw new Error(
      `the generated ${size}-rule set is past the limits: ${describeProblems(pastLimits)}`,
    );
  return content;
};

const validated = (content: unknown): RuleSet => {
  const result = validateRuleSet(content);
  if (!result.ok) throw new Error("a generated set does not validate");
  return result.value;
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
    compiledOf(validated(content));
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
 * it do. First a version's load at each size, beside parsing the limit's JSON alone; then all
 * sizes are timed in the same turns, so that the state of the machine and of the JIT weighs on
 * each alike.
 */
export const measureScale = (): ScaleFigures => {
  const contents = SCALE_SIZES.map(generated);
  // A new instance holds only the version it loads: the loads go first, before the rule sets and
  // requests the timings hold are made, so that collecting a load's garbage does not also mark
  // them. The text is what a version's compressed copy holds, which the function reads.
  const loads = contents.map((content) => loadOf(canonicalContent(content)));
  const sets = SCALE_SIZES.map((size, index) => {
    const ruleSet = validated(contents[index]);
    const requests = sampleRequests(ruleSet, REQUESTS);
    // The billed code with the procedure named, as a claim line carries it, built beforehand.
    const checks = requests.map((request) => ({ ...request, code: "0001F" }));
    return { size, ruleSet, requests, checks };
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
  const medianOf = (kind: string) => median(times[kind] ?? []);
  const bySize = (kind: string) =>
    Object.fromEntries(SCALE_SIZES.map((size) => [size, medianOf(`${kind} ${size}`)]));
  return {
    selectMicros: bySize("select"),
    checkMicros: bySize("check"),
    floorMicros: medianOf("floor"),
    floorMicrosAt100: medianOf("floor 100"),
    loadMs: Object.fromEntries(
      SCALE_SIZES.map((size, i) => [size, loads[i]?.loadMs ?? Number.NaN]),
    ),
    parseMs: loads[SCALE_SIZES.indexOf(LIMIT)]?.parseMs ?? Number.NaN,
    ratios: {
      selectToFloor: ratioOf(times, `select ${LIMIT}`, "floor"),
      checkToFloor: ratioOf(times, `check ${LIMIT}`, "floor"),
      selectGrowth: ratioOf(times, `select ${LIMIT}`, "select 100"),
      floorGrowth: ratioOf(times, "floor", "floor 100"),
    },
  };
};
