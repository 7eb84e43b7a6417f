import { canonical } from "./canonical.js";
import type { Procedure, Rule } from "./rule-set.js";

/** A rule set's parts as a merge reads them: procedures by key, rules by id. */
export interface MergeableRules {
  readonly procedures: readonly Procedure[];
  readonly rules: readonly Rule[];
}

/** One procedure or rule both sides changed since the base, each its own way; absent means removed. */
export type MergeConflict =
  | {
      readonly kind: "procedure";
      readonly key: string;
      readonly base?: Procedure;
      readonly theirs?: Procedure;
      readonly mine?: Procedure;
    }
  | {
      readonly kind: "rule";
      readonly key: string;
      readonly base?: Rule;
      readonly theirs?: Rule;
      readonly mine?: Rule;
    };

export interface Merge {
  /** Every change of either side; where both changed the same rule, theirs until resolved. */
  readonly merged: { procedures: Procedure[]; rules: Rule[] };
  readonly conflicts: readonly MergeConflict[];
}

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * Merges per rule, three ways: what `mine` changed since `base` and what `theirs` changed since
 * `base` are both kept. A rule only one side changed (added, edited or removed) takes that side's
 * change; a rule both sides changed alike takes it once; a rule both changed differently is a
 * conflict, listed side by side and held at theirs until someone chooses, so no one's change is
 * dropped without a word.
 */
export const mergeThreeWays = (
  base: MergeableRules,
  theirs: MergeableRules,
  mine: MergeableRules,
): Merge => {
  const procedures = mergeParts(base.procedures, theirs.procedures, mine.procedures, (p) => p.key);
  const rules = mergeParts(base.rules, theirs.rules, mine.rules, (r) => r.id);
  return {
    merged: { procedures: procedures.merged, rules: rules.merged },
    conflicts: [
      ...procedures.conflicts.map((c) => ({ kind: "procedure" as const, ...c })),
      ...rules.conflicts.map((c) => ({ kind: "rule" as const, ...c })),
    ],
  };
};

interface PartConflict<T> {
  readonly key: string;
  readonly base?: T;
  readonly theirs?: T;
  readonly mine?: T;
}

const byKey = <T>(parts: readonly T[], keyOf: (part: T) => string): Map<string, T> =>
  new Map(parts.map((part) => [keyOf(part), part]));

const mergeParts = <T>(
  base: readonly T[],
  theirs: readonly T[],
  mine: readonly T[],
  keyOf: (part: T) => string,
): { merged: T[]; conflicts: PartConflict<T>[] } => {
  const [b, t, m] = [byKey(base, keyOf), byKey(theirs, keyOf), byKey(mine, keyOf)];
  // Theirs' order first, then what only mine adds, in mine's order.
  const keys = [...new Set([...t.keys(), ...m.keys(), ...b.keys()])];
  const merged: T[] = [];
  const conflicts: PartConflict<T>[] = [];
  for (const key of keys) {
    const [was, their, my] = [b.get(key), t.get(key), m.get(key)];
    const chosen = same(my, was) ? their : same(their, was) || same(their, my) ? my : undefined;
    const conflicting = !same(my, was) && !same(their, was) && !same(their, my);
    if (conflicting) conflicts.push({ key, base: was, theirs: their, mine: my });
    const kept = conflicting ? their : chosen;
    if (kept !== undefined) merged.push(kept);
  }
  return { merged, conflicts };
};
