import type { RuleProblem } from "../../core/rule-problem.js";
import type { Problem } from "./api-types.js";
import { CELL_NAMES, placeOf } from "./cell-problems.js";
import { type Content, procedureName, ruleInWords } from "./content.js";
import { asMessage, sentenceInWords } from "./sentence-words.js";

/**
 * Which of a cell's two numbers a problem of the form is about: a cell edits both ends of a range
 * ("band.upper.value", "weightGrams.lower.value"), and "must be a whole number" alone does not say.
 */
const ENDS: Readonly<Record<string, string>> = {
  lower: "the from value",
  upper: "the through value",
};

/** A problem as its cell says it: "the through value must be a whole number", keys in words. */
export const cellProblemInWords = (
  problem: RuleProblem,
  words: ReadonlyMap<string, string>,
): string => {
  const message = sentenceInWords(problem.message, words);
  const end = /\.(lower|upper)\.(value|unit|inclusive)$/.exec(problem.field)?.[1];
  return end ? `${ENDS[end]} ${message}` : message;
};

/**
 * What a rule problem says, where it is: "33951, ages birth through 5 years, from 1 January 2015 —
 * effective to: …", with every key in the validator's sentence said in words.
 */
export const ruleProblemInWords = (
  problem: RuleProblem,
  content: Content,
  words: ReadonlyMap<string, string>,
): { where: string; message: string } => {
  const place = placeOf(problem, content);
  const message = cellProblemInWords(problem, words);
  const procedure = place.kind === "cell" ? "" : procedureName(content, place.procedure);
  if (place.kind === "procedure") return { where: procedure, message };
  if (place.kind === "declared-payers") return { where: `${procedure}: payer programs`, message };
  const rule = content.rules.find((candidate) => candidate.id === place.rule);
  return {
    where: `${rule ? ruleInWords(rule) : "a rule"}: ${CELL_NAMES[place.cell]}`,
    message,
  };
};

/** A refusal as the person reads it: the store's sentence, then each problem it names. */
export const refusalInWords = (
  problem: Problem,
  content: Content,
  words: ReadonlyMap<string, string>,
): { text: string; details: string[] } => ({
  text: asMessage(sentenceInWords(problem.detail ?? problem.title ?? "The server refused.", words)),
  details: (problem.problems ?? []).map((one) => {
    const said = ruleProblemInWords(one, content, words);
    return `${said.where}: ${said.message}`;
  }),
});
