import type { RuleProblem } from "../../core/rule-problem.js";
import { cellId, placeOf } from "./cell-problems.js";
import { ruleProblemInWords } from "./problem-words.js";
import { procedureProblemsId } from "./procedure-view.js";
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
  return (
    <section class="problem-summary" aria-labelledby="problems-heading">
      <h2 id="problems-heading">
        {problems.length === 1 ? "One problem" : `${problems.length} problems`} to fix before your
        change can be submitted
      </h2>
      <ul>
        {problems.map((problem) => {
          const place = placeOf(problem, shown);
          const target =
            place.kind === "cell"
              ? cellId(place.rule, place.cell)
              : procedureProblemsId(place.procedure);
          const said = ruleProblemInWords(problem, shown, words);
          return (
            <li key={`${target}${problem.message}`}>
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
