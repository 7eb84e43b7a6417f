import type { Selection, SelectionRequest } from "../../core/select.js";
import { select } from "../../core/select.js";
import type { Answer } from "../../http/answer.js";
import { type SelectRequestBody, selectRequestSchema } from "../../http/request-schemas.js";
import {
  answerFrom,
  answerOne,
  type LoadedRules,
  parseWith,
  type RulesRoute,
} from "./rules-route.js";

/** Answers a valid select request from the rules loaded for it. */
const answerParsed = (request: SelectRequestBody, rules: LoadedRules, today: string): Answer =>
  answerFrom(
    rules,
    request.procedure,
    (ruleSet) =>
      select(ruleSet, {
        procedure: request.procedure,
        ...patientOf(request, today),
      }),
    selectionAnswer,
  );

const selectionAnswer = (selection: Selection, version: number) => ({
  body: selectionBody(selection, version),
  outcomes: [{ procedure: selection.procedure, code: selection.code }],
});

export const selectRoute: RulesRoute<SelectRequestBody> = {
  parse: parseWith(selectRequestSchema),
  answer: answerParsed,
};

/** Answers one selectCode request body. */
export const answerSelect = answerOne(selectRoute);

type PatientKey =
  | "dateOfService"
  | "dateOfBirth"
  | "age"
  | "gestationalAgeAtBirth"
  | "weightGrams"
  | "payer";

/**
 * The patient part of a core request: the date of service (today when left out), the age, and the
 * gestational age at birth, present weight and payer when given.
 */
export const patientOf = (
  request: Pick<SelectRequestBody, PatientKey>,
  today: string,
): DistributivePick<SelectionRequest, PatientKey> => {
  const { age, gestationalAgeAtBirth, weightGrams, payer } = request;
  const dateOfService = request.dateOfService ?? today;
  const besidesAge = { dateOfService, gestationalAgeAtBirth, weightGrams, payer };
  return age ? { ...besidesAge, age } : { ...besidesAge, dateOfBirth: request.dateOfBirth ?? "" };
};

type DistributivePick<T, K extends keyof T> = T extends unknown ? Pick<T, K> : never;

/** A selection as the API answers it: with the rule version it came from. */
export const selectionBody = (selection: Selection, ruleVersion: number) => {
  const { code, text, procedure, dateOfService, age, band, ruleId, explanation } = selection;
  return { code, text, procedure, dateOfService, age, band, ruleId, ruleVersion, explanation };
};
