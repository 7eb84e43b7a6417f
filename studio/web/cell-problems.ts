import type { RuleProblem } from "../../core/rule-problem.js";
import type { Content } from "./content.js";
import { LIMIT_FIELDS, LIMIT_KINDS, LIMIT_NAMES } from "./limit-kinds.js";

/** The cells of a rule the grid edits. */
export const EDITED_CELLS = [
  "code",
  "ages",
  ...LIMIT_KINDS,
  "from",
  "to",
  "text",
  "source",
] as const;
export type EditedCell = (typeof EDITED_CELLS)[number];

/** What each cell is called, for people: in labels and in the list of problems. */
export const CELL_NAMES: Readonly<Record<EditedCell, string>> = {
  code: "code",
  ages: "ages",
  ...LIMIT_NAMES,
  from: "effective from",
  to: "effective to",
  text: "text",
  source: "source",
};

/**
 * Where a problem is shown: at a rule's cell, at the payer programs its procedure declares, or at
 * the procedure when no one rule has it.
 */
export type ProblemPlace =
  | { readonly kind: "cell"; readonly rule: string; readonly cell: EditedCell }
  | { readonly kind: "declared-payers"; readonly procedure: string }
  | { readonly kind: "procedure"; readonly procedure: string };

/** The validator names fields by path ("band.upper.value", "effective.to"): the cell that edits each. */
const cellOfField = (field: string): EditedCell => {
  const head = field.split(".")[0];
  if (head === "code" || head === "text" || head === "source") return head;
  if (field.startsWith("effective.to")) return "to";
  if (head === "effective") return "from";
  const limit = LIMIT_KINDS.find((kind) => LIMIT_FIELDS[kind] === head);
  // The band, and whatever else a rule holds that the grid does not edit, are its ages.
  return limit ?? "ages";
};

/** The procedure a problem without a rule belongs to; the rule set's first when it names none. */
const procedureOf = (problem: RuleProblem, content: Content): string =>
  problem.procedure ?? content.procedures[0]?.key ?? "";

export const placeOf = (problem: RuleProblem, content: Content): ProblemPlace => {
  const rule =
    problem.ruleId === undefined
      ? undefined
      : content.rules.find((candidate) => candidate.id === problem.ruleId);
  // A rule naming a procedure not declared: only a procedure that fails its own checks leaves its
  // rules so in the studio, which is the procedure's problem, not one of each rule's cells.
  if (rule && problem.field === "procedure")
    return { kind: "procedure", procedure: rule.procedure };
  if (rule) return { kind: "cell", rule: rule.id, cell: cellOfField(problem.field) };
  const procedure = procedureOf(problem, content);
  return problem.procedure && problem.field.split(".")[0] === "payers"
    ? { kind: "declared-payers", procedure }
    : { kind: "procedure", procedure };
};

/** The procedure whose view shows a problem. */
export const procedureOfProblem = (problem: RuleProblem, content: Content): string => {
  const place = placeOf(problem, content);
  if (place.kind !== "cell") return place.procedure;
  return content.rules.find((rule) => rule.id === place.rule)?.procedure ?? "";
};

/** An element id for a rule's cell: rule ids are kebab-case, so they make ids as they are. */
export const cellId = (rule: string, cell: EditedCell): string => `edit-${rule}-${cell}`;

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

/**
 * The problems no one cell holds, at a procedure; or those of the payer programs it declares. Each
 * said once: the rules of a procedure that fails its own checks each report the same.
 */
export const problemsOfProcedure = (
  problems: readonly RuleProblem[],
  content: Content,
  procedure: string,
  kind: "procedure" | "declared-payers" = "procedure",
): RuleProblem[] => {
  const at = problems.filter((problem) => {
    const place = placeOf(problem, content);
    return place.kind === kind && place.procedure === procedure;
  });
  return at.filter(
    (problem, index) => at.findIndex((one) => one.message === problem.message) === index,
  );
};

/** The id of the box where a procedure's payer programs are typed. */
export const declaredPayersId = (procedure: string): string => `payers-of-${procedure}`;

/** Where a procedure's own problems (a gap, an overlap of no one rule) are listed. */
export const procedureProblemsId = (procedure: string): string => `problems-of-${procedure}`;

/** The element a problem is shown at, which the list of problems takes the cursor to. */
export const placeId = (place: ProblemPlace): string => {
  if (place.kind === "cell") return cellId(place.rule, place.cell);
  return place.kind === "declared-payers"
    ? declaredPayersId(place.procedure)
    : procedureProblemsId(place.procedure);
};
