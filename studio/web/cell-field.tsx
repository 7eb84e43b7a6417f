import type { ComponentChildren } from "preact";
import type { RuleProblem } from "../../core/rule-problem.js";
import { cellId, type EditedCell } from "./cell-problems.js";
import { cellProblemInWords } from "./problem-words.js";
import { useStudio } from "./studio-context.js";

/** What a field's control is given, so that it is named, marked invalid and described by its problems. */
export interface CellProps {
  readonly id: string;
  readonly "aria-invalid": boolean;
  readonly "aria-describedby"?: string;
}

/**
 * One edited field and the problems found at it, tied to its control; with a hint, the control is
 * described by it too. `label` names the control, above it; or for screen readers only where
 * `hideLabel`, in a table's cell whose column header names it for the eye; absent where the
 * control names itself (a group).
 */
export const ProblemField = ({
  id,
  label,
  hideLabel = false,
  hint,
  problems,
  children,
}: {
  id: string;
  label?: string;
  hideLabel?: boolean;
  hint?: ComponentChildren;
  problems: readonly RuleProblem[];
  children: (props: CellProps) => ComponentChildren;
}) => {
  const { words } = useStudio();
  const invalid = problems.length > 0;
  const described = [hint ? `${id}-hint` : "", invalid ? `${id}-problems` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={`${hideLabel ? "cell" : "field"}${invalid ? " invalid" : ""}`}>
      {label && (
        <label for={id} class={hideLabel ? "visually-hidden" : undefined}>
          {label}
        </label>
      )}
      {children({
        id,
        "aria-invalid": invalid,
        ...(described && { "aria-describedby": described }),
      })}
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      )}
      {invalid && (
        <ul id={`${id}-problems`} class="problems">
          {problems.map((problem) => (
            <li key={`${problem.field} ${problem.message}`}>
              {cellProblemInWords(problem, words)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

/**
 * One editable cell of a rule: its control, labelled for screen readers (the column header names
 * it for the eye), and the problems found at it, tied to the control.
 */
export const CellField = ({
  rule,
  cell,
  label,
  problems,
  children,
}: {
  rule: string;
  cell: EditedCell;
  /** What the control is called; absent where the control names itself (the ages, a group). */
  label?: string;
  problems: readonly RuleProblem[];
  children: (props: CellProps) => ComponentChildren;
}) => (
  <ProblemField id={cellId(rule, cell)} label={label} hideLabel problems={problems}>
    {children}
  </ProblemField>
);
