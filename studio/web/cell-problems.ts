import type { RuleProblem } from "../../core/rule-problem.js";
import type { Content } from "./content.js";

/** The cells of a rule the grid edits. */
export const EDITED_CELLS = ["code", "ages", "from", "to", "text", "source"] as const;
export type EditedCell = (typeof EDITED_CELLS)[number];

/** What each cell is called, for people: in labels and in the list of problems. */
export const CELL_NAMES: Readonly<Record<EditedCell, string>> = {
  code: "code",
  ages: "ages",
  from: "effective from",
  to: "effective to",
  text: "text",
  source: "source",
};

/** Where a problem is shown: at a rule's cell, or at a procedure when no one rule has it. */
export type ProblemPlace =
  | { readonly kind: "cell"; readonly rule: string; readonly cell: EditedCell }
  | { readonly kind: "procedure"; readonly procedure: string };

/** The validator names fields by path ("band.upper.value", "effective.to"): the cell that edits each. */
const cellOfField = (field: string): EditedCell => {
  if (field === "code") return "code";
  if (field === "text") return "text";
  if (field === "source") return "source";
  if (field.startsWith("effective.to")) return "to";
  if (field.startsWith("effective")) return "from";
  // The band, the limits from conception and whatever else a rule holds are its ages.
  return "ages";
};

/** The procedure a problem without a rule belongs to; the rule set's first when it names none. */
const procedureOf = (problem: RuleProblem, content: Content): string =>
  problem.procedure ?? content.procedures[0]?.key ?? "";

export const placeOf = (problem: RuleProblem, content: Content): ProblemPlace => {
  const rule =
    problem.ruleId === undefined
      ? undefined
      : content.rules.find((candidate) => candidate.id === problem.ruleId);
  return rule
    ? { kind: "cell", rule: rule.id, cell: cellOfField(problem.field) }
    : { kind: "procedure", procedure: procedureOf(problem, content) };
};

/** The procedure whose view shows a problem. */
export const procedureOfProblem = (problem: RuleProblem, content: Content): string => {
  const place = placeOf(problem, content);
  if (place.kind === "procedure") return place.procedure;
  return content.rules.find((rule) => rule.id === place.rule)?.procedure ?? "";
};

/** An element id for a rule's cell: rule ids are kebab-case, so they make ids as they are. */
export const cellId = (rule: string, cell: EditedCell): string => `edit-${rule}-${cell}`;

/** The id of the list of a cell's problems, which the cell is described by. */
export const cellProblemsId = (rule: string, cell: EditedCell): string =>
  `${cellId(rule, cell)}-problems`;

/** The problems at one cell of one rule. */
export const problemsAt = (
  problems: readonly RuleProblem[],
  content: Content,
  rule: string,
  cell: EditedCell,
): RuleProblem[] =>
  problems.filter((problem) => {
    const place = placeOf(problem, content);
    return place.kind === "cell" && place.rule === rule && place.cell === cell;
  });

/** The problems no one cell holds, at a procedure. */
export const problemsOfProcedure = (
  problems: readonly RuleProblem[],
  content: Content,
  procedure: string,
): RuleProblem[] =>
  problems.filter((problem) => {
    const place = placeOf(problem, content);
    return place.kind === "procedure" && place.procedure === procedure;
  });
