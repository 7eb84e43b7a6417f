/**
 * The names the stack and the selection function must agree on: the stack sets these variables,
 * creates alarms on these metrics, and the function reads and writes them. infra/ imports it, so it
 * imports nothing itself.
 */
export const SERVICE_NAME = "code-rules";
export const METRICS_NAMESPACE = "CodeRules";

export const METRIC_NAMES = {
  selections: "Selections",
  refusals: "Refusals",
  /** Selections refused for a reason the rules decide (unknown procedure, no rule, no band, ambiguous age). */
  ruleRefusals: "RuleRefusals",
  /** Selections that could not be answered for want of a rule version: each a 503, in a batch or not. */
  unavailableSelections: "UnavailableSelections",
  /** Reads of the rules store that failed (timeouts, errors): the store, not a version, is at fault. */
  ruleLoadFailures: "RuleLoadFailures",
  /** Versions the function refused to serve: past the limits, a bad checksum, or invalid. */
  ruleVersionsRefused: "RuleVersionsRefused",
  staleServes: "StaleServes",
} as const;

/** The function's environment variables. */
export const FUNCTION_ENV = {
  tableName: "RULES_TABLE_NAME",
  cacheTtlSeconds: "RULES_CACHE_TTL_SECONDS",
  /**
   * The public key that verifies every version's signature, base64 SPKI DER (as KMS GetPublicKey
   * returns it): the function verifies locally, with no KMS call.
   */
  signingPublicKey: "RULES_SIGNING_PUBLIC_KEY",
} as const;

/** How long the function trusts the active version when the stack or the local server says nothing. */
export const DEFAULT_CACHE_TTL_SECONDS = 5;
