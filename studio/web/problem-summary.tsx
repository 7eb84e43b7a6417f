import type { RuleProblem } from "../../core/rule-problem.js";
import { placeId, placeOf } from "./cell-problems.js";
import { ruleProblemInWords } from "./problem-words.js";
import { useStudio } from "./studio-context.js";

/**
 * Every problem in the working copy, as checked on each edit: each links to the cell (or the
 * procedure) it is at, and following the link puts the cursor there.
 */
export const ProblemSummary = ({
  problems,
  onShow,
}: {
  problems: readonly RuleProblem[];
  onShow: (problem: RuleProblem) => void;
}) => {
  const { shown, words } = useStudio();
  // Each said once where it is shown: the rules of a procedure that fails its own checks each
  // report the same problem, at the procedure.
  const listed = [
    ...new Map(
      problems.map((problem) => {
        const target = placeId(placeOf(problem, shown));
        return [`${target} ${problem.message}`, { problem, target }] as const;
      }),
    ),
  ];
  return (
    <section class="problem-summary" aria-labelledby="problems-heading">
      <h2 id="problems-heading">
        {listed.length === 1 ? "One problem" : `${listed.length} problems`} to fix before your
        change can be submitted
      </h2>
      <ul>
        {listed.map(([key, { problem, target }]) => {
          const said = ruleProblemInWords(problem, shown, words);
          return (
            <li key={key}>
              <a
                href={`#${target}`}
                onClick={(event) => {
                  event.preventDefault();
                  onShow(problem);
                }}
              >
                {said.where}
              </a>
              : {said.message}
            </li>
          );
        })}
      </ul>
    </section>
  );
};
