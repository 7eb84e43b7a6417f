import type { Result } from "./result.js";
import type { RuleSet } from "./rule-set.js";

/** A published rule version as the function serves it, with what a caller may ask about it. */
export interface ServedVersion {
  readonly version: number;
  readonly ruleSet: RuleSet;
  readonly publishedAt: string;
  readonly message: string;
  readonly actor: string;
  /** True when this is not known to be the active version: the store is unreachable, or the active one was refused. */
  readonly stale: boolean;
}

export type RulesRefusal =
  | { readonly kind: "rules-unavailable"; readonly message: string }
  | { readonly kind: "version-not-found"; readonly version: number; readonly message: string }
  | { readonly kind: "version-rejected"; readonly version: number; readonly message: string }
  /** Revoked by an admin: never served again, even when pinned. */
  | { readonly kind: "revoked"; readonly version: number; readonly message: string };

/** Where served versions come from: the active one, or one pinned by number. */
export interface RuleVersions {
  load(options?: {
    readonly version?: number | undefined;
  }): Promise<Result<ServedVersion, RulesRefusal>>;
}
