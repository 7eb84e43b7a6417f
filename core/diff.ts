import type { Procedure, Rule } from "./rule-set.js";

export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface EntryChange {
  readonly id: string;
  readonly fields: readonly FieldChange[];
}

export interface EntriesDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly EntryChange[];
}

export interface RuleSetDiff {
  readonly procedures: EntriesDiff;
  readonly rules: EntriesDiff;
}

interface Content {
  readonly procedures: readonly Procedure[];
  readonly rules: readonly Rule[];
}

/** What changes from one rule set to another: entries added and removed, and changed field by field. */
export const diffRuleSets = (from: Content, to: Content): RuleSetDiff => ({
  procedures: diffEntries(from.procedures, to.procedures, (p) => p.key),
  rules: diffEntries(from.rules, to.rules, (r) => r.id),
});

export const isEmptyDiff = ({ procedures, rules }: RuleSetDiff): boolean =>
  [procedures, rules].every((d) => d.added.length + d.removed.length + d.changed.length === 0);

const diffEntries = <T extends object>(
  from: readonly T[],
  to: readonly T[],
  idOf: (entry: T) => string,
): EntriesDiff => {
  const before = new Map(from.map((entry) => [idOf(entry), entry]));
  const after = new Map(to.map((entry) => [idOf(entry), entry]));
  return {
    added: [...after.keys()].filter((id) => !before.has(id)).sort(),
    removed: [...before.keys()].filter((id) => !after.has(id)).sort(),
    changed: [...after.entries()]
      .flatMap(([id, entry]) => {
        const previous = before.get(id);
        const fields = previous ? fieldChanges(flatten(previous), flatten(entry)) : [];
        return fields.length > 0 ? [{ id, fields }] : [];
      })
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
};

const fieldChanges = (before: Map<string, unknown>, after: Map<string, unknown>): FieldChange[] =>
  [...new Set([...before.keys(), ...after.keys()])]
    .sort()
    .filter((field) => before.get(field) !== after.get(field))
    .map((field) => ({ field, from: before.get(field), to: after.get(field) }));

/** Leaves of an entry by dotted path ("band.lower.value"), so a change names the very field. */
const flatten = (
  value: object,
  prefix = "",
  leaves = new Map<string, unknown>(),
): Map<string, unknown> => {
  for (const [key, member] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (member !== null && typeof member === "object") flatten(member, path, leaves);
    else if (member !== undefined) leaves.set(path, member);
  }
  return leaves;
};
