import { useEffect, useMemo, useState } from "preact/hooks";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { Rule } from "../../core/rule-set.js";
import { cellId, placeOf } from "./cell-problems.js";
import type { Content } from "./content.js";
import { LIMIT_KINDS, type LimitKind, limitHeader, limitKindsOf } from "./limit-kinds.js";

export interface LimitColumns {
  /** The limits the procedure's table has a column for, in order. */
  readonly shown: readonly LimitKind[];
  /** Those it has none for yet, which a rule being edited may be given. */
  readonly more: readonly LimitKind[];
  /** Adds a column, and puts the cursor in its first cell. */
  add(kind: LimitKind): void;
}

/**
 * Which limits besides the ages a procedure's table shows: those its rules have; while they are
 * edited, also those a problem is at and those the person adds to limit them by something new.
 * A procedure none of whose rules has a limit shows none, so its table reads as before.
 */
export const useLimitColumns = (
  procedure: string,
  rules: readonly Rule[],
  editing: { readonly content: Content; readonly problems: readonly RuleProblem[] } | undefined,
): LimitColumns => {
  const [added, setAdded] = useState<readonly LimitKind[]>([]);
  const [focusing, setFocusing] = useState<string | undefined>();
  useEffect(() => setAdded([]), [procedure]);
  useEffect(() => {
    if (focusing) document.getElementById(focusing)?.focus();
  }, [focusing]);
  const shown = useMemo(() => {
    const used = limitKindsOf(rules);
    if (!editing) return used;
    const ids = new Set(rules.map((rule) => rule.id));
    const atProblems = editing.problems.flatMap((problem) => {
      const place = placeOf(problem, editing.content);
      return place.kind === "cell" && ids.has(place.rule) ? [place.cell] : [];
    });
    const wanted = new Set<string>([...used, ...added, ...atProblems]);
    return LIMIT_KINDS.filter((kind) => wanted.has(kind));
  }, [rules, editing, added]);
  return {
    shown,
    more: editing ? LIMIT_KINDS.filter((kind) => !shown.includes(kind)) : [],
    add: (kind) => {
      setAdded((now) => [...now, kind]);
      const [first] = rules;
      if (first) setFocusing(cellId(first.id, kind));
    },
  };
};

/** Buttons that add a column for a limit the rules have none of yet. */
export const AddLimitColumns = ({ columns }: { columns: LimitColumns }) =>
  columns.more.length === 0 ? null : (
    <fieldset class="add-limits">
      <legend>Limit these rules also by</legend>
      {columns.more.map((kind) => (
        <button key={kind} type="button" onClick={() => columns.add(kind)}>
          {limitHeader(kind)}
        </button>
      ))}
    </fieldset>
  );
