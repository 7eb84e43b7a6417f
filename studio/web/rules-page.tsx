import { useEffect, useMemo, useState } from "preact/hooks";
import { diffRuleSets } from "../../core/diff.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import { placeId, placeOf, procedureOfProblem } from "./cell-problems.js";
import { ChangeBar, REVIEW_ID, SUBMITTED_ID, WORKING_COPY_ID } from "./change-bar.js";
import { GridFilters } from "./grid-filters.js";
import {
  DEFAULT_SORT,
  filterRows,
  type GridFilter,
  type GridRow,
  gridRows,
  sortRows,
} from "./grid-rows.js";
import { NEW_RULES_DATE_ID } from "./new-rules-from.js";
import { PageHeading } from "./page-heading.js";
import { ProblemSummary } from "./problem-summary.js";
import { PROCEDURE_HEADING_ID, ProcedureView } from "./procedure-view.js";
import { RuleGrid, showButtonId } from "./rule-grid.js";
import { useStudio } from "./studio-context.js";
import { SUBMIT_HEADING_ID, SubmitPanel } from "./submit-panel.js";
import type { WorkingCopyControl } from "./use-working-copy.js";

/** Puts the focus on an element once the page has drawn it: a cell, a heading, a message. */
const useFocusAfterRender = (): ((id: string) => void) => {
  const [wanted, setWanted] = useState<{ id: string } | undefined>();
  useEffect(() => {
    if (!wanted) return;
    const element = document.getElementById(wanted.id);
    element?.focus();
    element?.scrollIntoView({ block: "nearest" });
  }, [wanted]);
  return (id) => setWanted({ id });
};

/** What the working copy changes, by rule: to mark rows in the grid. */
const useChangedRules = (working: WorkingCopyControl) => {
  const { active } = useStudio();
  const copy = working.copy?.content;
  return useMemo(() => {
    if (!copy || !active) return { added: new Set<string>(), changed: new Set<string>() };
    const diff = diffRuleSets(active.content, copy);
    return {
      added: new Set(diff.rules.added),
      changed: new Set(diff.rules.changed.map((change) => change.id)),
    };
  }, [copy, active]);
};

/**
 * The rules: the working copy's while there is one, else the active version's, in a grid to
 * search, filter and sort; the procedure of the row chosen below it, with its picture, where the
 * rules are edited; and what stands between the working copy and review.
 */
export const RulesPage = ({
  filter,
  onFilter,
  working,
  toResults,
}: {
  filter: GridFilter;
  onFilter: (filter: GridFilter) => void;
  working: WorkingCopyControl;
  /** Enter presses in the search: each takes the focus to the first rule found. */
  toResults: number;
}) => {
  const { shown, active, readActive } = useStudio();
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [selected, setSelected] = useState<string | undefined>();
  const [reviewing, setReviewing] = useState(false);
  // The request the working copy last became, said where the person submitted it.
  const [submitted, setSubmitted] = useState<number | undefined>();
  const focus = useFocusAfterRender();
  const rows = useMemo(() => gridRows(shown), [shown]);
  const visible = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);
  const marks = useChangedRules(working);
  const withProblems = useMemo(
    () => new Set(working.problems.flatMap((problem) => problem.ruleId ?? [])),
    [working.problems],
  );

  // Enter in the search goes to the rules found: a search and a key, not a Tab through the filters.
  useEffect(() => {
    const first = visible[0];
    if (toResults > 0 && first) focus(showButtonId(first.id));
  }, [toResults]);

  // Choosing one procedure in the filter shows it, as choosing one of its rows does.
  useEffect(() => {
    if (filter.procedure !== "") setSelected(filter.procedure);
  }, [filter.procedure]);

  const show = (row: GridRow) => {
    setSelected(row.procedure);
    focus(PROCEDURE_HEADING_ID);
  };
  const showProblem = (problem: RuleProblem) => {
    setSelected(procedureOfProblem(problem, shown));
    focus(placeId(placeOf(problem, shown)));
  };
  const review = () => {
    setReviewing(true);
    setSubmitted(undefined);
    focus(SUBMIT_HEADING_ID);
  };
  // From a procedure, its rules are changed where they are read: the cursor goes to the first step.
  // The copy starts from the version in use now, read again, as the change bar's does.
  const proposeHere =
    active && !working.copy && !working.resumable
      ? async () => {
          const latest = await readActive();
          if (!latest) return;
          working.start(latest);
          focus(NEW_RULES_DATE_ID);
        }
      : undefined;
  const onSubmitted = (number: number) => {
    setReviewing(false);
    setSubmitted(number);
    focus(SUBMITTED_ID);
  };

  return (
    <>
      <PageHeading>Rules</PageHeading>
      <ChangeBar
        working={working}
        onReview={review}
        onStarted={() => focus(WORKING_COPY_ID)}
        submitted={submitted}
      />
      {reviewing && working.copy && (
        <SubmitPanel
          working={working}
          onClose={() => {
            setReviewing(false);
            focus(REVIEW_ID);
          }}
          onSubmitted={onSubmitted}
        />
      )}
      <GridFilters filter={filter} onFilter={onFilter} shown={visible.length} total={rows.length} />
      {working.copy && working.problems.length > 0 && (
        <ProblemSummary problems={working.problems} onShow={showProblem} />
      )}
      <RuleGrid
        rows={visible}
        total={rows.length}
        sort={sort}
        onSort={setSort}
        selected={selected}
        onSelect={show}
        marks={{ ...marks, problems: withProblems }}
        editing={working.copy !== undefined}
      />
      {selected && (
        <ProcedureView
          procedure={selected}
          working={working}
          onPropose={proposeHere && (() => void proposeHere())}
        />
      )}
    </>
  );
};
