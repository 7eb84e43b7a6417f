import { inBandOrder } from "./code-order.js";
import { err, ok, type Result } from "./result.js";
import { indexOf, rulesOfCode, rulesOfProcedure } from "./rule-index.js";
import { isInEffect, type RuleSet } from "./rule-set.js";
import {
  type Selection,
  type SelectionRefusal,
  type SelectionRequest,
  select,
  unknownProcedure,
} from "./select.js";

/** A billed code and the patient's age on the date of service; the procedure may be left out. */
export type CheckRequest = DistributiveOmit<SelectionRequest, "procedure"> & {
  readonly code: string;
  readonly procedure?: string | undefined;
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Whether a billed code is the one the rules select for the patient's age on that date. */
export interface CodeCheck {
  readonly code: string;
  readonly consistent: boolean;
  /** The codes selected, one per procedure of the billed code, without repeats, in band order. */
  readonly expected: readonly string[];
  /** What each procedure of the billed code selects, in band order (youngest first, then by code). */
  readonly selections: readonly Selection[];
  readonly explanation: string;
}

export type CheckRefusal =
  | SelectionRefusal
  | { readonly kind: "unknown-code"; readonly code: string; readonly message: string };

// A procedure of the code that has no rule on that date, or no band for that age, simply does not
// apply to the claim when another of its procedures does; any other refusal stands for them all.
const NOT_APPLICABLE: ReadonlySet<SelectionRefusal["kind"]> = new Set([
  "no-rule-in-effect",
  "age-not-covered",
]);

/**
 * The age edit payers run on claims: selects for each procedure the billed code belongs to (or
 * for the one named) and says whether the billed code is among the codes selected.
 */
export const checkCode = (
  ruleSet: RuleSet,
  request: CheckRequest,
): Result<CodeCheck, CheckRefusal> => {
  const procedures = proceduresOf(ruleSet, request);
  if (!procedures.ok) return procedures;
  const results = procedures.value.map((procedure) =>
    select(ruleSet, { ...request, procedure } as SelectionRequest),
  );
  const selections = results.flatMap((result) => (result.ok ? [result.value] : []));
  const refusals = results.flatMap((result) => (result.ok ? [] : [result.error]));
  const [refusal] =
    selections.length > 0
      ? refusals.filter((refused) => !NOT_APPLICABLE.has(refused.kind))
      : refusals;
  if (refusal) return err(refusal);
  const ordered = inRuleBandOrder(ruleSet, selections);
  const notInEffect = notInEffectOn(ruleSet, request.code, procedures.value, ordered);
  return ok(verdict(request.code, ordered, notInEffect));
};

/**
 * When no rule of the billed code is in effect on the date of service (a code not yet created, or
 * deleted by then), the dates it was in effect: a billed code that did not exist is said to be
 * that, not to be a code for another age.
 */
const notInEffectOn = (
  ruleSet: RuleSet,
  code: string,
  procedures: readonly string[],
  selections: readonly Selection[],
): string | undefined => {
  const dateOfService = selections[0]?.dateOfService;
  if (dateOfService === undefined) return undefined;
  const periods = procedures
    .flatMap((procedure) => rulesOfProcedure(ruleSet, procedure))
    .filter((rule) => rule.code === code)
    .map((rule) => rule.effective);
  if (periods.some((period) => isInEffect(period, dateOfService))) return undefined;
  const said = [
    ...new Set(periods.map(({ from, to }) => (to ? `from ${from} to ${to}` : `from ${from}`))),
  ];
  return `${code} is not in effect on ${dateOfService} (in effect ${said.join(", and ")})`;
};

/** The selections in the order every list of codes is answered in (core/code-order.ts). */
const inRuleBandOrder = (ruleSet: RuleSet, selections: readonly Selection[]): Selection[] =>
  inBandOrder(
    selections.map((selection) => {
      const rule = indexOf(ruleSet).ruleById.get(selection.ruleId);
      if (!rule) throw new Error(`selection names rule ${selection.ruleId}, not in the rule set`);
      return { band: rule.band, code: selection.code, selection };
    }),
  ).map(({ selection }) => selection);

const proceduresOf = (ruleSet: RuleSet, request: CheckRequest): Result<string[], CheckRefusal> => {
  const { code, procedure } = request;
  const unknown = procedure === undefined ? undefined : unknownProcedure(ruleSet, procedure);
  if (unknown) return err(unknown);
  const keys = [
    ...new Set(
      // A named procedure's few rules, or every rule of the code: never a scan of the whole set.
      (procedure === undefined
        ? rulesOfCode(ruleSet, code)
        : rulesOfProcedure(ruleSet, procedure).filter((rule) => rule.code === code)
      ).map((rule) => rule.procedure),
    ),
  ];
  if (keys.length > 0) return ok(keys);
  const where = procedure === undefined ? "any procedure" : procedure;
  return err({
    kind: "unknown-code",
    code,
    message: `no rule of ${where} has the code ${JSON.stringify(code)}`,
  });
};

const verdict = (
  code: string,
  selections: readonly Selection[],
  notInEffect: string | undefined,
): CodeCheck => {
  const expected = [...new Set(selections.map((selection) => selection.code))];
  const consistent = expected.includes(code);
  // Each fact once: the age, said by every selection, and a band and code two procedures share.
  const facts = selections.flatMap((selection) => selection.explanation.split("; "));
  const because = [...new Set(facts)].join("; ");
  return {
    code,
    consistent,
    expected,
    selections,
    explanation: consistent
      ? `${code} is consistent with the age: ${because}`
      : `${notInEffect ?? `${code} is not consistent with the age`}: ${because}`,
  };
};
