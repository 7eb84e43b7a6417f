import type { RuleSetContent } from "../core/rule-set.js";

/**
 * Rule files as read: the rule set they hold, the version they were exported from, if any, and
 * their golden cases (checked against a candidate by core/golden-cases.ts, never published).
 */
export interface ReadRuleFiles {
  readonly content: RuleSetContent;
  readonly baseVersion?: number | undefined;
  readonly cases?: readonly unknown[];
}
