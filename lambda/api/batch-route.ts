import type * as z from "../../core/zod.js";
import { type Answer, problemAnswer } from "../../http/answer.js";
import { invalidRequest, problem } from "../../http/problem.js";
import { MAX_BATCH_ITEMS } from "../../http/request-schemas.js";
import type { Outcome } from "../../http/telemetry.js";
import { fieldErrors, type RulesDeps, type RulesRoute } from "./rules-route.js";

/**
 * Answers a batch of a route's requests, each on its own and in order: one bad item never fails the
 * others. A good item's answer is under `key` (`selection`, `check`), a refused one's under `problem`.
 */
export const answerBatchOf =
  <T extends { readonly ruleVersion?: number | undefined }>(
    route: RulesRoute<T>,
    envelope: z.ZodMiniType<{ readonly items: readonly unknown[] }>,
    key: string,
  ) =>
  async (body: unknown, deps: RulesDeps): Promise<Answer> => {
    const items = (body as { items?: unknown } | null)?.items;
    if (Array.isArray(items) && items.length > MAX_BATCH_ITEMS) {
      return problemAnswer(
        problem(
          413,
          "too-large",
          `a batch carries at most ${MAX_BATCH_ITEMS} items, got ${items.length}`,
        ),
      );
    }
    const parsed = envelope.safeParse(body);
    if (!parsed.success) return problemAnswer(invalidRequest(fieldErrors(parsed.error)));

    const requests = parsed.data.items.map(route.parse);
    // Each version the items ask for is loaded once, not once per item; then every item is
    // answered in memory.
    const pins = new Set<number | undefined>();
    for (const item of requests) if (item.ok) pins.add(item.request.ruleVersion);
    const loaded = new Map(
      await Promise.all(
        [...pins].map(async (version) => [version, await deps.rules.load({ version })] as const),
      ),
    );
    const today = deps.today();
    const answers = requests.map((item) => {
      if (!item.ok) return item.answer;
      const rules = loaded.get(item.request.ruleVersion);
      if (!rules) throw new Error("a batch item's rule version was not loaded");
      return route.answer(item.request, rules, today);
    });
    return batchAnswer(answers, key);
  };

/**
 * The batch's answer from its items' answers, in one pass: the items' results in order, every
 * item's outcomes for telemetry, the newest rule version served, and whether any was stale.
 */
const batchAnswer = (answers: readonly Answer[], key: string): Answer => {
  const results: unknown[] = [];
  const outcomes: Outcome[] = [];
  let ruleVersion: number | undefined;
  let stale = false;
  let unavailable = 0;
  for (const answer of answers) {
    results.push(
      answer.status === 200
        ? { status: 200, [key]: answer.body }
        : { status: answer.status, problem: answer.body },
    );
    for (const outcome of answer.outcomes ?? []) outcomes.push(outcome);
    if (answer.ruleVersion !== undefined)
      ruleVersion = Math.max(answer.ruleVersion, ruleVersion ?? 0);
    if (answer.stale) stale = true;
    if (answer.status === 503) unavailable += 1;
  }
  if (unavailable === answers.length) {
    // Every item an outage: the batch is one, so the API's 5xx rate (and its alarm) sees it.
    const detail = `none of the ${answers.length} items could be answered: no good rule version can be served`;
    return problemAnswer(problem(503, "rules-unavailable", detail), { outcomes });
  }
  return { status: 200, body: { results }, ruleVersion, stale, outcomes };
};
