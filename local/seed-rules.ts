import { type FirstVersionStore, publishIntoEmptyTable } from "../admin/publish-first-version.js";
import { describeProblems, type RuleProblem } from "../core/rule-problem.js";
import { readRuleFiles } from "../rule-files/read-rule-files.js";

/**
 * Seed rules refused for what is wrong in them: the refusal's line, then each problem on a line of
 * its own (rule id, field, what is wrong), as the CLI prints them. A count alone sends the reader
 * to another tool to find out which rules to fix.
 */
export class SeedRulesRefused extends Error {
  override readonly name = "SeedRulesRefused";

  constructor(
    rulesPath: string,
    refusal: string,
    readonly problems: readonly RuleProblem[],
  ) {
    super(`${rulesPath}: ${refusal}\n${describeProblems(problems)}`);
  }
}

/** The store, with a refusal that has problems to list thrown as SeedRulesRefused. */
const listingProblems = (store: FirstVersionStore, rulesPath: string): FirstVersionStore => ({
  activePointer: () => store.activePointer(),
  publish: async (...args) => {
    const published = await store.publish(...args);
    if (!published.ok && "problems" in published.error) {
      const { message, problems } = published.error;
      throw new SeedRulesRefused(rulesPath, message, problems);
    }
    return published;
  },
});

/**
 * Publishes the rule files at `rulesPath` as version 1 when the table has no active version;
 * whether it did. Rules already published stay, and the files are then not checked against them.
 */
export const seedRules = async (
  store: FirstVersionStore,
  rulesPath: string,
  actor: string,
): Promise<boolean> => {
  const rules = readRuleFiles(rulesPath);
  if (!rules.ok) throw new Error(rules.error);
  const outcome = await publishIntoEmptyTable(listingProblems(store, rulesPath), rules.value, {
    actor,
    message: `rules from ${rulesPath}`,
  });
  return outcome.kind === "published";
};
