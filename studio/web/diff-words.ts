import type { EntryChange, FieldChange, RuleSetDiff } from "../../core/diff.js";
import type { Procedure, Rule } from "../../core/rule-set.js";
import { type Content, procedureName, ruleInWords } from "./content.js";
import { LIMIT_FIELDS, LIMIT_KINDS, LIMIT_NAMES, limitInWords } from "./limit-kinds.js";
import { agesInWords, dateInWords } from "./words.js";

/** One thing a change does, as a reviewer reads it. */
export interface DiffLine {
  readonly kind: "added" | "removed" | "changed";
  /** The procedure's name. */
  readonly procedure: string;
  /** The rule as people tell it ("33951, ages birth through 5 years, from 1 January 2015"); empty for a procedure. */
  readonly rule: string;
  /** What changed, one line per thing a person edits: its name, before and after, in words. */
  readonly fields: readonly { name: string; before: string; after: string }[];
}

/** A part of a rule or procedure a person edits, by the field paths under it, said whole. */
interface Section<T> {
  readonly prefix: string;
  readonly name: string;
  readonly say: (entry: T, named: (key: string) => string) => string;
}

/** A field path's first part, which says what a person edits ("band.upper.value" is the ages). */
const SECTIONS: readonly Section<Rule>[] = [
  { prefix: "code", name: "code", say: (rule) => rule.code },
  { prefix: "band", name: "ages", say: (rule) => agesInWords(rule.band) },
  ...LIMIT_KINDS.map((kind) => ({
    prefix: LIMIT_FIELDS[kind],
    name: LIMIT_NAMES[kind],
    say: (rule: Rule) => limitInWords(rule, kind) ?? "any",
  })),
  {
    prefix: "effective.from",
    name: "effective from",
    say: (rule) => dateInWords(rule.effective.from),
  },
  {
    prefix: "effective.to",
    name: "effective to",
    say: (rule) => (rule.effective.to ? dateInWords(rule.effective.to) : "no end"),
  },
  { prefix: "text", name: "text", say: (rule) => rule.text },
  { prefix: "source", name: "source", say: (rule) => rule.source },
  { prefix: "notes", name: "notes", say: (rule) => rule.notes ?? "none" },
  { prefix: "procedure", name: "procedure", say: (rule, named) => named(rule.procedure) },
];

const PROCEDURE_SECTIONS: readonly Section<Procedure>[] = [
  { prefix: "name", name: "name", say: (procedure) => procedure.name },
  {
    prefix: "payers",
    name: "payer programs",
    say: (procedure) => procedure.payers?.join(", ") ?? "none",
  },
];

const PROCEDURE_FIELDS: Readonly<Record<string, string>> = {
  notes: "notes",
  "coverage.startsAt.value": "age coverage starts at",
  "coverage.startsAt.unit": "age coverage starts at",
  "coverage.stopsAt.value": "age coverage stops at",
  "coverage.stopsAt.unit": "age coverage stops at",
};

/** A value from the diff itself, where the entry is not at hand to say it whole. */
const raw = (value: unknown): string => (value === undefined ? "none" : String(value));

/**
 * An entry's changed fields, one line per section a person edits, each said from the whole entry;
 * a field of no section, from the diff alone, under `fallback`'s name for it.
 */
const sectionFields = <T>(
  change: EntryChange,
  sections: readonly Section<T>[],
  fallback: (field: string) => string | undefined,
  named: (key: string) => string,
  before?: T,
  after?: T,
): DiffLine["fields"] => {
  const lines: { name: string; before: string; after: string }[] = [];
  const seen = new Set<string>();
  for (const field of change.fields) {
    const section = sections.find(({ prefix }) => field.field.startsWith(prefix));
    if (section && before && after) {
      if (seen.has(section.name)) continue;
      seen.add(section.name);
      lines.push({
        name: section.name,
        before: section.say(before, named),
        after: section.say(after, named),
      });
    } else lines.push(fieldLine(field, section?.name ?? fallback(field.field)));
  }
  return lines;
};

const fieldLine = (field: FieldChange, name = "a detail") => ({
  name,
  before: raw(field.from),
  after: raw(field.to),
});

const byId = (rules: readonly Rule[]) => new Map(rules.map((rule) => [rule.id, rule]));

const ruleLines = (diff: RuleSetDiff, before: Content, after: Content): DiffLine[] => {
  const [old, now] = [byId(before.rules), byId(after.rules)];
  const line = (kind: DiffLine["kind"], content: Content, rule: Rule | undefined, id: string) => ({
    kind,
    procedure: rule ? procedureName(content, rule.procedure) : "",
    rule: rule ? ruleInWords(rule) : id,
  });
  return [
    ...diff.rules.added.map((id) => ({
      ...line("added", after, now.get(id), id),
      fields: addedFields(now.get(id)),
    })),
    ...diff.rules.removed.map((id) => ({
      ...line("removed", before, old.get(id), id),
      fields: [],
    })),
    ...diff.rules.changed.map((change) => ({
      ...line("changed", before, old.get(change.id), change.id),
      fields: sectionFields(
        change,
        SECTIONS,
        () => undefined,
        (key) => procedureName(after, key),
        old.get(change.id),
        now.get(change.id),
      ),
    })),
  ];
};

/** A rule added is read whole: its text and source beside its code, ages and dates. */
const addedFields = (rule: Rule | undefined): DiffLine["fields"] =>
  rule
    ? [
        { name: "text", before: "", after: rule.text },
        { name: "source", before: "", after: rule.source },
      ]
    : [];

const procedureLines = (diff: RuleSetDiff, before: Content, after: Content): DiffLine[] => {
  const named = (content: Content, key: string) => procedureName(content, key);
  const fields = (change: EntryChange, old?: Procedure, now?: Procedure) =>
    sectionFields(
      change,
      PROCEDURE_SECTIONS,
      (field) => PROCEDURE_FIELDS[field],
      (key) => named(after, key),
      old,
      now,
    );
  const find = (content: Content, key: string) => content.procedures.find((p) => p.key === key);
  return [
    ...diff.procedures.added.map((key) => ({
      kind: "added" as const,
      procedure: named(after, key),
      rule: "",
      fields: [],
    })),
    ...diff.procedures.removed.map((key) => ({
      kind: "removed" as const,
      procedure: named(before, key),
      rule: "",
      fields: [],
    })),
    ...diff.procedures.changed.map((change) => ({
      kind: "changed" as const,
      procedure: named(before, change.id),
      rule: "",
      fields: fields(change, find(before, change.id), find(after, change.id)),
    })),
  ];
};

/**
 * A diff as a reviewer reads it: procedures and rules added, removed and changed, each change said
 * field by field in words ("ages: birth through 5 years → birth through 11 years"), sorted by
 * procedure. `before` and `after` are the rule sets the diff was made between.
 */
export const diffInWords = (diff: RuleSetDiff, before: Content, after: Content): DiffLine[] =>
  [...procedureLines(diff, before, after), ...ruleLines(diff, before, after)].sort(
    (a, b) => a.procedure.localeCompare(b.procedure) || a.rule.localeCompare(b.rule),
  );
