import type { ComponentChildren } from "preact";
import type { RuleProblem } from "../../core/rule-problem.js";
import { cellId, cellProblemsId, type EditedCell } from "./cell-problems.js";
import { sentenceInWords } from "./sentence-words.js";
import { useStudio } from "./studio-context.js";

/** What a cell's control is given, so that it is named, marked invalid and described by its problems. */
export interface CellProps {
  readonly id: string;
  readonly "aria-invalid": boolean;
  readonly "aria-describedby"?: string;
}

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
}) => {
  const { words } = useStudio();
  const id = cellId(rule, cell);
  const invalid = problems.length > 0;
  const described = cellProblemsId(rule, cell);
  return (
    <div class={invalid ? "cell invalid" : "cell"}>
      {label && (
        <label for={id} class="visually-hidden">
          {label}
        </label>
      )}
      {children({
        id,
        "aria-invalid": invalid,
        ...(invalid && { "aria-describedby": described }),
      })}
      {invalid && (
        <ul id={described} class="problems">
          {problems.map((problem) => (
            <li key={problem.message}>{sentenceInWords(problem.message, words)}</li>
          ))}
        </ul>
      )}
    </div>
  );
};
