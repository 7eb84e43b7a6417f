import { GESTATION_WEEKS, limitsGestation } from "../../core/gestation.js";
import { limitsPayer } from "../../core/payer.js";
import { err, ok, type Result } from "../../core/result.js";
import type { RuleProblem } from "../../core/rule-problem.js";
import type { RuleSet } from "../../core/rule-set.js";
import {
  type DecidingInput,
  type Selection,
  type SelectionRefusal,
  type SelectionRequest,
  select,
} from "../../core/select.js";
import { formatGrams, limitsWeight, MAX_WEIGHT_GRAMS } from "../../core/weight.js";
import type { Content } from "./content.js";

/**
 * Trying a procedure's rules on one patient, in the page: the request the try panel makes of what
 * was typed, and the answer the core gives it from a rule set, as the API would give it. Nothing
 * here keeps, sends or logs what was typed: a date of birth is health information.
 */

/** What the try panel's boxes hold, as typed. */
export interface TryInputs {
  readonly dateOfBirth: string;
  readonly dateOfService: string;
  readonly gestationWeeks: string;
  readonly gestationDays: string;
  readonly weightGrams: string;
  readonly payer: string;
}

export type TryField = keyof TryInputs;

/** What stops a try, at the box it is about. */
export interface TryProblem extends RuleProblem {
  readonly field: TryField;
}

export const NO_INPUTS: TryInputs = {
  dateOfBirth: "",
  dateOfService: "",
  gestationWeeks: "",
  gestationDays: "",
  weightGrams: "",
  payer: "",
};

/** The inputs besides age that a procedure's rules need: only those are asked for. */
export interface TryNeeds {
  readonly gestation: boolean;
  readonly weight: boolean;
  /** The payer programs to choose from where a rule is limited to some; undefined where none is. */
  readonly payers: readonly string[] | undefined;
}

/** What the procedure's rules need, in any of the rule sets given (the working copy, the version in use). */
export const tryNeeds = (procedure: string, ...contents: readonly Content[]): TryNeeds => {
  const rules = contents.flatMap((content) =>
    content.rules.filter((rule) => rule.procedure === procedure),
  );
  const declared = contents.flatMap(
    (content) => content.procedures.find((candidate) => candidate.key === procedure)?.payers ?? [],
  );
  return {
    gestation: rules.some(limitsGestation),
    weight: rules.some(limitsWeight),
    payers: rules.some(limitsPayer) ? [...new Set(declared)] : undefined,
  };
};

/** A whole number typed, within bounds; undefined for anything else. */
const wholeIn = (text: string, min: number, max: number): number | undefined => {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  return value >= min && value <= max ? value : undefined;
};

const GIVE_WEEKS = `Give whole weeks from ${GESTATION_WEEKS.min} through ${GESTATION_WEEKS.max}: the rules answer for gestational ages from ${GESTATION_WEEKS.min}+0 through ${GESTATION_WEEKS.max}+6.`;
const GIVE_DAYS = "Give the days past the weeks, from 0 through 6 (empty: 0).";
const GIVE_WEIGHT = `Give the weight in whole grams, from 1 g through ${formatGrams(MAX_WEIGHT_GRAMS)}.`;

type Besides = Pick<SelectionRequest, "gestationalAgeAtBirth" | "weightGrams" | "payer">;

/** The inputs besides age, where the rules need them and they were given, each checked. */
const besidesAge = (inputs: TryInputs, needs: TryNeeds, problems: TryProblem[]): Besides => {
  const found: { -readonly [K in keyof Besides]: Besides[K] } = {};
  const { gestationWeeks: weeks, gestationDays: days, weightGrams, payer } = inputs;
  if (needs.gestation && (weeks !== "" || days !== "")) {
    const whole = wholeIn(weeks, GESTATION_WEEKS.min, GESTATION_WEEKS.max);
    const past = days === "" ? 0 : wholeIn(days, 0, 6);
    if (whole === undefined) problems.push({ field: "gestationWeeks", message: GIVE_WEEKS });
    if (past === undefined) problems.push({ field: "gestationDays", message: GIVE_DAYS });
    if (whole !== undefined && past !== undefined)
      found.gestationalAgeAtBirth = { weeks: whole, days: past };
  }
  if (needs.weight && weightGrams !== "") {
    found.weightGrams = wholeIn(weightGrams, 1, MAX_WEIGHT_GRAMS);
    if (found.weightGrams === undefined)
      problems.push({ field: "weightGrams", message: GIVE_WEIGHT });
  }
  if (needs.payers && payer !== "") found.payer = payer;
  return found;
};

/**
 * The select request the boxes make, with only the inputs the rules need, or the problem at each
 * box that stops it. The dates are the core's to check once given, so that a refusal reads as the
 * API's would.
 */
export const tryRequest = (
  procedure: string,
  inputs: TryInputs,
  needs: TryNeeds,
): Result<SelectionRequest, TryProblem[]> => {
  const problems: TryProblem[] = [];
  if (inputs.dateOfBirth === "")
    problems.push({ field: "dateOfBirth", message: "Give the date of birth." });
  if (inputs.dateOfService === "")
    problems.push({ field: "dateOfService", message: "Give the date of service." });
  const besides = besidesAge(inputs, needs, problems);
  if (problems.length > 0) return err(problems);
  return ok({
    procedure,
    dateOfBirth: inputs.dateOfBirth,
    dateOfService: inputs.dateOfService,
    ...besides,
  });
};

/** What one rule set answers: the core's selection or refusal, or why it cannot answer at all. */
export type TryAnswer =
  | { readonly kind: "selected"; readonly selection: Selection }
  | { readonly kind: "refused"; readonly refusal: SelectionRefusal }
  | { readonly kind: "unanswered"; readonly why: string };

/** The core's answer from a rule set that passes its checks; `why` where there is none to ask. */
export const tryAnswer = (
  ruleSet: RuleSet | undefined,
  why: string,
  request: SelectionRequest,
): TryAnswer => {
  if (!ruleSet) return { kind: "unanswered", why };
  const result = select(ruleSet, request);
  return result.ok
    ? { kind: "selected", selection: result.value }
    : { kind: "refused", refusal: result.error };
};

/** The inputs a refusal names as deciding the code (an ambiguity's), as the API lists them. */
export const neededInputs = (answer: TryAnswer): readonly DecidingInput[] =>
  answer.kind === "refused" && answer.refusal.kind === "ambiguous-age"
    ? answer.refusal.decidingInputs
    : [];

/**
 * How two answers differ for a caller: not at all, by the text of the same code, or by the code
 * (or a refusal) itself.
 */
export const howAnswersDiffer = (a: TryAnswer, b: TryAnswer): "same" | "text" | "answer" => {
  if (a.kind === "selected" && b.kind === "selected") {
    if (a.selection.code !== b.selection.code) return "answer";
    return a.selection.text === b.selection.text ? "same" : "text";
  }
  const said = (answer: TryAnswer) =>
    answer.kind === "refused" ? answer.refusal.message : answer.kind === "unanswered" && answer.why;
  return a.kind === b.kind && said(a) === said(b) ? "same" : "answer";
};
