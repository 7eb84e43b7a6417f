import { type Answer, problemAnswer } from "./answer.js";
import { invalidRequest, problem } from "./problem.js";
import { batchRequestSchema, MAX_BATCH_ITEMS } from "./request-schemas.js";
import { answerSelect, fieldErrors, type SelectDeps } from "./select-route.js";

/** Answers every item on its own, in order: one bad item never fails the others. */
export const answerBatch = async (body: unknown, deps: SelectDeps): Promise<Answer> => {
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
  const parsed = batchRequestSchema.safeParse(body);
  if (!parsed.success) return problemAnswer(invalidRequest(fieldErrors(parsed.error)));

  const answers = await Promise.all(parsed.data.items.map((item) => answerSelect(item, deps)));
  const versions = answers.flatMap((answer) =>
    answer.ruleVersion === undefined ? [] : [answer.ruleVersion],
  );
  return {
    status: 200,
    body: {
      results: answers.map((answer) =>
        answer.status === 200
          ? { status: 200, selection: answer.body }
          : { status: answer.status, problem: answer.body },
      ),
    },
    ruleVersion: versions.length > 0 ? Math.max(...versions) : undefined,
    stale: answers.some((answer) => answer.stale),
    outcomes: answers.flatMap((answer) => answer.outcomes ?? []),
  };
};
