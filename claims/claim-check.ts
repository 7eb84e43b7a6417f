import { type CheckRefusal, type CodeCheck, checkCode } from "../core/check.js";
import type { Result } from "../core/result.js";
import type { RuleSet } from "../core/rule-set.js";
import type { CheckRequestBody } from "../http/request-schemas.js";
import { patientOf } from "../lambda/api/select-route.js";

/*
 * The check of a claim line's request against one rule set, as /v1/check makes it. A check by an
 * age rather than a date of birth weighs every date of birth that age allows (hundreds, for an age
 * in years), and a claims file gives the same age, code and date of service on many lines: those
 * are checked once, their answer remembered. The answer is the core's own, so nothing else changes.
 */

export type ClaimCheck = (request: CheckRequestBody) => Result<CodeCheck, CheckRefusal>;

/** The checks by age remembered, the oldest forgotten first: memory stays bounded. */
const REMEMBERED = 1024;

const checked = (ruleSet: RuleSet, request: CheckRequestBody) =>
  checkCode(ruleSet, {
    code: request.code,
    procedure: request.procedure,
    // The date of service is on every claim line (claim-request.ts), so "today" is never taken.
    ...patientOf(request, ""),
  });

export const claimCheck = (ruleSet: RuleSet): ClaimCheck => {
  const remembered = new Map<string, Result<CodeCheck, CheckRefusal>>();
  return (request) => {
    const { age, gestationalAgeAtBirth: atBirth } = request;
    if (age === undefined) return checked(ruleSet, request);
    // Every field the check reads: a date of birth is never given beside an age.
    const key = JSON.stringify([
      request.code,
      request.procedure,
      request.dateOfService,
      age.value,
      age.unit,
      atBirth?.weeks,
      atBirth?.days,
      request.weightGrams,
      request.payer,
    ]);
    const known = remembered.get(key);
    if (known) return known;
    const answer = checked(ruleSet, request);
    if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value ?? "");
    remembered.set(key, answer);
    return answer;
  };
};
