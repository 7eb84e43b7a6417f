import { performance } from "node:perf_hooks";
import { formatIsoDate, fromEpochDay, parseIsoDate, toEpochDay } from "../core/calendar-date.js";
import { GESTATION_DAYS } from "../core/gestation.js";
import { limitsPayer } from "../core/payer.js";
import type { RuleSet } from "../core/rule-set.js";
import { type SelectionRequest, select } from "../core/select.js";
import { limitsWeight } from "../core/weight.js";
import { jsonRulesEnginePeer } from "./json-rules-engine-peer.js";
import { median, medianRatio } from "./median.js";
import { type Facts, factsOf, ruleConditions } from "./peer-conditions.js";
import { zenPeer } from "./zen-peer.js";

export interface PeerFigures {
  readonly selectPerSecond: number;
  readonly zenPerSecond: number;
  readonly jsonRulesEnginePerSecond: number;
  /** code-rules' selections per second over zen-engine's, median of the rounds' ratios. */
  readonly zenRatio: number;
  readonly jsonRulesEngineRatio: number;
}

const REQUESTS = 10_000;
const ROUNDS = 3;
/** The peers answer asynchronously: each is kept this many requests busy, its best here. */
const IN_FLIGHT = 100;
const SERVICE_DATES = ["2014-06-01", "2018-06-01", "2022-03-15", "2026-11-24"];

const dayOf = (iso: string): number => {
  const parsed = parseIsoDate(iso, "date");
  if (!parsed.ok) throw new Error(parsed.error.message);
  return toEpochDay(parsed.value);
};

/**
 * Requests every engine can decide: each procedure in turn, dates of service across the rules'
 * code generations, ages from birth to 20 years, and a gestational age at birth, which decides
 * where a rule limits age from conception (code-rules would otherwise refuse as ambiguous).
 */
const peerRequests = (ruleSet: RuleSet): SelectionRequest[] =>
  Array.from({ length: REQUESTS }, (_, i) => {
    const dateOfService = SERVICE_DATES[i % SERVICE_DATES.length] as string;
    const atBirth = GESTATION_DAYS.min + ((i * 31) % (GESTATION_DAYS.max - GESTATION_DAYS.min + 1));
    return {
      procedure: ruleSet.procedures[i % ruleSet.procedures.length]?.key ?? "",
      dateOfService,
      dateOfBirth: formatIsoDate(fromEpochDay(dayOf(dateOfService) - ((i * 7919) % 7305))),
      gestationalAgeAtBirth: { weeks: Math.floor(atBirth / 7), days: atBirth % 7 },
    };
  });

/**
 * The procedures whose codes turn on age alone (and age from conception): the peers' decision
 * tables are given the age worked out beforehand, and model no present weight and no payer.
 */
const decidedByAgeAlone = (ruleSet: RuleSet): RuleSet => {
  const other = new Set(
    ruleSet.rules
      .filter((rule) => limitsWeight(rule) || limitsPayer(rule))
      .map((rule) => rule.procedure),
  );
  return {
    ...ruleSet,
    procedures: ruleSet.procedures.filter(({ key }) => !other.has(key)),
    rules: ruleSet.rules.filter(({ procedure }) => !other.has(procedure)),
  };
};

/** code-rules' answer as the peers can give it: the rule selected, or none. */
const codeRulesAnswer = (ruleSet: RuleSet, request: SelectionRequest): string | undefined => {
  const answer = select(ruleSet, request);
  if (answer.ok) return answer.value.ruleId;
  if (answer.error.kind === "age-not-covered" || answer.error.kind === "no-rule-in-effect")
    return undefined;
  throw new Error(
    `the peers' request ${JSON.stringify(request)} was refused: ${answer.error.kind}`,
  );
};

type Peer = (facts: Facts) => Promise<string | undefined>;

/** A peer's answers to every request, IN_FLIGHT at a time, and how many it gave a second. */
const run = async (peer: Peer, facts: readonly Facts[]) => {
  const answers: (string | undefined)[] = [];
  const started = performance.now();
  for (let from = 0; from < facts.length; from += IN_FLIGHT)
    answers.push(...(await Promise.all(facts.slice(from, from + IN_FLIGHT).map(peer))));
  return { answers, perSecond: facts.length / ((performance.now() - started) / 1000) };
};

/** Fails the bench loudly where a peer answers a request otherwise than code-rules. */
const assertAgreement = (
  name: string,
  expected: readonly (string | undefined)[],
  answers: readonly (string | undefined)[],
  requests: readonly SelectionRequest[],
): void => {
  const differing = expected.flatMap((rule, i) => (answers[i] === rule ? [] : [i]));
  if (differing.length === 0) return;
  const [first = 0] = differing;
  throw new Error(
    `${name} disagrees with code-rules on ${differing.length} of ${requests.length} requests; first: ${JSON.stringify(requests[first])} answered ${answers[first] ?? "no rule"}, code-rules ${expected[first] ?? "no rule"}`,
  );
};

const selectPerSecond = (ruleSet: RuleSet, requests: readonly SelectionRequest[]): number => {
  const started = performance.now();
  for (const request of requests) select(ruleSet, request);
  return requests.length / ((performance.now() - started) / 1000);
};

/**
 * code-rules' select beside the rules engines a team might pick instead, on the same requests over
 * the same rules, each engine given the age already worked out. Every engine must give every
 * answer code-rules gives; then each round times code-rules and each peer in turn, so a busy
 * moment of the machine weighs on all alike.
 */
export const measurePeers = async (shipped: RuleSet): Promise<PeerFigures> => {
  const ruleSet = decidedByAgeAlone(shipped);
  const requests = peerRequests(ruleSet);
  const expected = requests.map((request) => codeRulesAnswer(ruleSet, request));
  const facts = requests.map(factsOf);
  const rules = ruleSet.rules.map(ruleConditions);
  const zen = zenPeer(rules);
  const peers: Record<"zen" | "jsonRulesEngine", Peer> = {
    zen: zen.answer,
    jsonRulesEngine: jsonRulesEnginePeer(rules),
  };
  try {
    for (const [name, peer] of Object.entries(peers))
      assertAgreement(name, expected, (await run(peer, facts)).answers, requests);
    const rounds = { select: [] as number[], zen: [] as number[], jsonRulesEngine: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      rounds.select.push(selectPerSecond(ruleSet, requests));
      rounds.zen.push((await run(peers.zen, facts)).perSecond);
      rounds.jsonRulesEngine.push((await run(peers.jsonRulesEngine, facts)).perSecond);
    }
    const ratio = (peer: readonly number[]) => medianRatio(rounds.select, peer);
    return {
      selectPerSecond: median(rounds.select),
      zenPerSecond: median(rounds.zen),
      jsonRulesEnginePerSecond: median(rounds.jsonRulesEngine),
      zenRatio: ratio(rounds.zen),
      jsonRulesEngineRatio: ratio(rounds.jsonRulesEngine),
    };
  } finally {
    zen.dispose();
  }
};
