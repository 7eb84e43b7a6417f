import type { Result } from "../core/result.js";
import type { RuleSet } from "../core/rule-set.js";

/** A published rule version as the function serves it. */
export interface ServedVersion {
  readonly version: number;
  readonly ruleSet: RuleSet;
  readonly publishedAt: string;
  readonly message: string;
  readonly actor: string;
  /** True when the store could not be reached and this is the last version known to be good. */
  readonly stale: boolean;
}

export type RulesRefusal =
  | { readonly kind: "rules-unavailable"; readonly message: string }
  | { readonly kind: "version-not-found"; readonly version: number; readonly message: string }
  | { readonly kind: "version-rejected"; readonly version: number; readonly message: string };

/** What the API needs of the rules store: the active version, or a pinned one. */
export interface RuleVersions {
  load(options?: {
    readonly version?: number | undefined;
  }): Promise<Result<ServedVersion, RulesRefusal>>;
}
