import { performance } from "node:perf_hooks";
import { limitProblems } from "../core/limits.js";
import { validateForPublish } from "../core/publish-checks.js";
import { largeRuleSet } from "../support/large-rule-sets.js";
import { median } from "./median.js";

/**
 * Seconds to check a 50,000-rule candidate as publish does before writing anything (its limits and
 * every validation rule), median of three runs: the validator must stay n log n, or a large
 * publish outlasts the function's timeout when the loader re-validates it.
 */
export const measureValidate50k = (): number => {
  const candidate = largeRuleSet(50_000);
  const runs = [0, 1, 2].map(() => {
    const started = performance.now();
    const validated = validateForPublish(candidate);
    limitProblems(candidate);
    if (!validated.ok) throw new Error("the generated 50,000-rule set does not validate");
    return (performance.now() - started) / 1000;
  });
  return median(runs);
};
