import type { ComponentChildren } from "preact";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { Draft } from "./draft.js";

export type Edit = (change: (draft: Draft) => Draft) => void;

export const inputValue = (event: Event): string => (event.currentTarget as HTMLInputElement).value;
export const checked = (event: Event): boolean => (event.currentTarget as HTMLInputElement).checked;

/** A whole number typed; what is not one stays as typed, so that the validator names it. */
export const numberAsTyped = (event: Event): number => {
  const text = inputValue(event);
  return /^\d+$/.test(text) ? Number(text) : (text as unknown as number);
};

/**
 * The validator's problems as a list, none: nothing; `id` ties it to a control, `withField` names
 * each problem's field ("effective.to: …") where the list stands apart from any one field.
 */
export const ProblemList = ({
  problems,
  id,
  withField = false,
}: {
  problems: readonly RuleProblem[];
  id?: string;
  withField?: boolean;
}) =>
  problems.length > 0 ? (
    <ul class="problems" id={id}>
      {problems.map((problem) => (
        <li key={`${problem.field}${problem.message}`}>
          {withField && `${problem.field}: `}
          {problem.message}
        </li>
      ))}
    </ul>
  ) : null;

/** A labelled control with the validator's problems for it beneath, tied to it for screen readers. */
export const Field = ({
  id,
  label,
  problems,
  children,
}: {
  id: string;
  label: string;
  problems: readonly RuleProblem[];
  children: (props: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
  }) => ComponentChildren;
}) => (
  <div class={problems.length > 0 ? "field invalid" : "field"}>
    <label for={id}>{label}</label>
    {children({
      id,
      "aria-invalid": problems.length > 0,
      ...(problems.length > 0 && { "aria-describedby": `${id}-problems` }),
    })}
    <ProblemList problems={problems} id={`${id}-problems`} />
  </div>
);
