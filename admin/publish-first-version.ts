import type { RuleStore } from "./rule-store.js";

/** What publishing into an empty table came to. */
export type FirstVersionOutcome =
  | { readonly kind: "published"; readonly version: number }
  /** Rules were already active (or became active meanwhile): they stay as they are. */
  | { readonly kind: "kept"; readonly version: number | null };

/** The two things it asks of the store; RuleStore provides them. */
export type FirstVersionStore = Pick<RuleStore, "activePointer" | "publish">;

/**
 * Publishes a rule set as the first version, and only into a table with no active version: the
 * stack's first-deploy seed and the local server's start both come here, so neither can overwrite
 * rules an admin published.
 */
export const publishIntoEmptyTable = async (
  store: FirstVersionStore,
  ruleSet: unknown,
  by: { readonly actor: string; readonly message: string },
): Promise<FirstVersionOutcome> => {
  // Checked first, so a table with rules is told "kept" rather than refused as a conflict.
  const active = await store.activePointer();
  if (active) return { kind: "kept", version: active.version };
  // The pointer write is conditional on there being no active version.
  const published = await store.publish(ruleSet, { ...by, expectVersion: null });
  if (published.ok) return { kind: "published", version: published.value.version };
  // Someone published since the check: their version stands, whatever it holds.
  const refusal = published.error;
  if (refusal.kind === "conflict") return { kind: "kept", version: refusal.active };
  if (refusal.kind === "unchanged") return { kind: "kept", version: refusal.version };
  throw new Error(`the rules were not published: ${refusal.message}`);
};
