import { performance } from "node:perf_hooks";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { formatIsoDate, fromEpochDay, toEpochDay } from "../core/calendar-date.js";
import type { RuleSet } from "../core/rule-set.js";
import { type SelectionRequest, select } from "../core/select.js";
import { MAX_BATCH_ITEMS } from "../http/request-schemas.js";
import { ROUTES } from "../http/routes.js";
import { selectRoute } from "../lambda/api/select-route.js";
import { apiGatewayEvent } from "../local/api-gateway-event.js";
import { median, medianRatio } from "./median.js";

/** Requests with dates of birth spread over 0..10 years, so every band and edge is exercised. */
export const sampleRequests = (ruleSet: RuleSet, count: number): SelectionRequest[] => {
  const procedures = ruleSet.procedures.map((p) => p.key);
  const service = toEpochDay({ year: 2026, month: 11, day: 24 });
  return Array.from({ length: count }, (_, i) => ({
    procedure: procedures[i % procedures.length] ?? "",
    dateOfService: "2026-11-24",
    dateOfBirth: formatIsoDate(fromEpochDay(service - ((i * 7919) % 3653))),
  }));
};

/** Runs `work` over the requests for about `seconds` and returns selections per second. */
const perSecond = (
  requests: readonly SelectionRequest[],
  seconds: number,
  work: (batch: readonly SelectionRequest[]) => number,
): number => {
  work(requests); // warm the JIT before timing
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) done += work(requests);
  return done / ((performance.now() - started) / 1000);
};

const measureCore = (
  ruleSet: RuleSet,
  requests: readonly SelectionRequest[],
  seconds = 2,
): { selectionsPerSecond: number } => {
  const selectionsPerSecond = perSecond(requests, seconds, (batch) => {
    let selected = 0;
    for (const request of batch) if (select(ruleSet, request).ok) selected += 1;
    if (selected === 0) throw new Error("the benchmark selected nothing; its requests are wrong");
    return batch.length;
  });
  return { selectionsPerSecond };
};

/** A selectCodes (batch) event carrying these items. */
export const batchEvent = (items: readonly SelectionRequest[]): APIGatewayProxyEventV2 =>
  apiGatewayEvent({
    method: "POST",
    path: ROUTES.selectCodes.path,
    body: JSON.stringify({ items }),
    requestId: "bench",
  });

/** The batch path in process: the requests as selectCodes (batch) events of 100 items, in turn. */
const measureBatch = async (
  handle: (event: APIGatewayProxyEventV2) => Promise<unknown>,
  requests: readonly SelectionRequest[],
  seconds = 2,
): Promise<{ selectionsPerSecond: number }> => {
  const events = Array.from({ length: Math.ceil(requests.length / MAX_BATCH_ITEMS) }, (_, i) =>
    batchEvent(requests.slice(i * MAX_BATCH_ITEMS, (i + 1) * MAX_BATCH_ITEMS)),
  );
  for (const event of events) await handle(event);
  let selections = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const event of events) await handle(event);
    selections += requests.length;
  }
  return { selectionsPerSecond: selections / ((performance.now() - started) / 1000) };
};

/**
 * The JSON floor of the batch path: each event's body decoded as API Gateway sends it and parsed,
 * and its answer written, and nothing else. No batch path can beat it, and as the core gets faster the batch's JSON weighs more.
 */
const measureJsonFloor = (
  events: readonly { body: string; base64: boolean; answer: unknown }[],
  items: number,
  seconds: number,
): number => {
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const { body, base64, answer } of events) {
      JSON.parse(base64 ? Buffer.from(body, "base64").toString("utf8") : body);
      JSON.stringify(answer);
    }
    done += items;
  }
  return done / ((performance.now() - started) / 1000);
};

/** The batch events of the requests, with the answer the handler gives each. */
const answeredEvents = async (
  handle: (event: APIGatewayProxyEventV2) => Promise<unknown>,
  requests: readonly SelectionRequest[],
) => {
  const answered: { body: string; base64: boolean; answer: unknown }[] = [];
  for (let i = 0; i < requests.length; i += MAX_BATCH_ITEMS) {
    const event = batchEvent(requests.slice(i, i + MAX_BATCH_ITEMS));
    const result = (await handle(event)) as { body?: string };
    answered.push({
      body: event.body ?? "",
      base64: event.isBase64Encoded,
      answer: JSON.parse(result.body ?? "null"),
    });
  }
  return answered;
};

/**
 * The core, the batch path and the batch's JSON floor on the same 1,000 requests, in alternating
 * windows so that a busy moment of the machine weighs on all alike: the median of each, and the
 * medians of the rounds' ratios.
 */
export const measureBatchAgainstCore = async (
  ruleSet: RuleSet,
  handle: (event: APIGatewayProxyEventV2) => Promise<unknown>,
  // Seven rounds left the batch's ratio to its JSON floor moving by ±0.015 from run to run.
  rounds = 15,
  seconds = 0.5,
): Promise<{
  corePerSecond: number;
  batchPerSecond: number;
  ratio: number;
  jsonFloorRatio: number;
}> => {
  const requests = sampleRequests(ruleSet, 1000);
  const events = await answeredEvents(handle, requests);
  const core: number[] = [];
  const batch: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    core.push(measureCore(ruleSet, requests, seconds).selectionsPerSecond);
    batch.push((await measureBatch(handle, requests, seconds)).selectionsPerSecond);
    floor.push(measureJsonFloor(events, requests.length, seconds));
  }
  const ratioTo = (others: readonly number[]) => medianRatio(batch, others);
  return {
    corePerSecond: median(core),
    batchPerSecond: median(batch),
    ratio: ratioTo(core),
    jsonFloorRatio: ratioTo(floor),
  };
};

/** Microseconds per call of `work` over `rounds` calls, after as many to warm the JIT. */
const microsPer = (rounds: number, work: () => unknown): number => {
  for (let i = 0; i < rounds; i += 1) work();
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) work();
  return ((performance.now() - started) * 1000) / rounds;
};

/**
 * Where a batch item's time goes, per item of a 100-item batch: the selection, the route's parse
 * of its request (zod's compiled parser), and its share of the JSON read and written (the body
 * parsed, the answers stringified).
 */
export const measureBatchItemParts = (
  ruleSet: RuleSet,
  answers: unknown,
): { selectMicros: number; parseMicros: number; jsonMicros: number } => {
  const requests = sampleRequests(ruleSet, 100);
  const body = JSON.stringify({ items: requests });
  const perItem = (work: () => unknown) => microsPer(2_000, work) / requests.length;
  return {
    selectMicros: perItem(() => requests.map((request) => select(ruleSet, request))),
    parseMicros: perItem(() => requests.map((request) => selectRoute.parse(request))),
    jsonMicros: perItem(() => [JSON.parse(body), JSON.stringify(answers)]),
  };
};
