import { checkCode } from "../../core/check.js";
import type { Answer } from "../../http/answer.js";
import { type CheckRequestBody, checkRequestSchema } from "../../http/request-schemas.js";
import {
  answerFrom,
  answerOne,
  type LoadedRules,
  parseWith,
  type RulesRoute,
} from "./rules-route.js";
import { patientOf, selectionBody } from "./select-route.js";

/** Answers a valid check request from the rules loaded for it. */
const answerParsed = (request: CheckRequestBody, rules: LoadedRules, today: string): Answer =>
  answerFrom(
    rules,
    request.procedure,
    (ruleSet) =>
      checkCode(ruleSet, {
        code: request.code,
        procedure: request.procedure,
        ...patientOf(request, today),
      }),
    ({ code, consistent, expected, selections, explanation }, version) => {
      const [only] = selections.length === 1 ? selections : [];
      return {
        body: {
          code,
          consistent,
          expected,
          ...(only ? { procedure: only.procedure } : {}),
          ruleVersion: version,
          explanation,
          selections: selections.map((selection) => selectionBody(selection, version)),
        },
        outcomes: selections.map((selection) => ({
          procedure: selection.procedure,
          code: selection.code,
        })),
      };
    },
  );

export const checkRoute: RulesRoute<CheckRequestBody> = {
  parse: parseWith(checkRequestSchema),
  answer: answerParsed,
};

/** Answers one checkCode request body. */
export const answerCheck = answerOne(checkRoute);
