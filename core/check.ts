import { type CalendarDate, formatIsoDate, parseIsoDate, toEpochDay } from "./calendar-date.js";
import { inBandOrder } from "./code-order.js";
import type { CompiledProcedure } from "./compiled-procedure.js";
import type { CompiledRule } from "./compiled-rule.js";
import { type CompiledRuleSet, compiledOf } from "./compiled-rule-set.js";
import { selectIn, unknownProcedure } from "./compiled-selection.js";
import { err, ok, type Result } from "./result.js";
import type { RuleSet } from "./rule-set.js";
import type { DecidingInput, PatientRequest, Selection, SelectionRefusal } from "./select.js";
import { INPUT_NAMES } from "./selection-refusals.js";

/** A billed code and the patient's age on the date of service; the procedure may be left out. */
export type CheckRequest = PatientRequest & {
  readonly code: string;
  readonly procedure?: string | undefined;
};

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

// A procedure of the code that has no rule on that date, or no code for that age or weight, simply
// does not apply to the claim when another of its procedures does; any other refusal stands for
// them all.
const NOT_APPLICABLE: ReadonlySet<SelectionRefusal["kind"]> = new Set([
  "no-rule-in-effect",
  "age-not-covered",
  "weight-not-covered",
]);

/**
 * The age edit payers run on claims: selects for each procedure the billed code belongs to (or
 * for the one named) and says whether the billed code is among the codes selected.
 */
export const checkCode = (
  ruleSet: RuleSet,
  request: CheckRequest,
): Result<CodeCheck, CheckRefusal> => {
  const compiled = compiledOf(ruleSet);
  const procedures = proceduresOf(compiled, request);
  if (!procedures.ok) return procedures;
  // Every procedure would refuse a date of service that is not a date, before anything else.
  const dateOfService = parseIsoDate(request.dateOfService, "dateOfService");
  if (!dateOfService.ok) return dateOfService;
  const chosen = chooseEach(compiled, procedures.value, dateOfService.value, request);
  if (!chosen.ok) return chosen;
  const ordered = inRuleBandOrder(compiled, chosen.value);
  return ok(
    verdict(
      request.code,
      ordered,
      (selected) => decidedBy(compiled, ordered, request, selected),
      () => notInEffectOn(compiled, request.code, procedures.value, dateOfService.value),
    ),
  );
};

/** What each procedure selects, or the refusal that stands for them all (NOT_APPLICABLE). */
const chooseEach = (
  compiled: CompiledRuleSet,
  procedures: readonly CompiledProcedure[],
  dateOfService: CalendarDate,
  request: CheckRequest,
): Result<Selection[], SelectionRefusal> => {
  const chosen: Selection[] = [];
  let first: SelectionRefusal | undefined;
  let standing: SelectionRefusal | undefined;
  for (const procedure of procedures) {
    const result = selectIn(compiled, procedure.key, dateOfService, request);
    if (result.ok) chosen.push(result.value);
    else {
      first ??= result.error;
      if (!NOT_APPLICABLE.has(result.error.kind)) standing ??= result.error;
    }
  }
  const refusal = chosen.length > 0 ? standing : first;
  return refusal ? err(refusal) : ok(chosen);
};

/** The selections in the order every list of codes is answered in (core/code-order.ts). */
const inRuleBandOrder = (compiled: CompiledRuleSet, selections: Selection[]): Selection[] => {
  if (selections.length < 2) return selections;
  return inBandOrder(
    selections.map((selection) => {
      const { band } = ruleOf(compiled, selection);
      return { band, code: selection.code, selection };
    }),
  ).map(({ selection }) => selection);
};

const ruleOf = (compiled: CompiledRuleSet, { ruleId }: Selection): CompiledRule => {
  const rule = compiled.ruleById.get(ruleId);
  if (!rule) throw new Error(`selection names rule ${ruleId}, not in the rule set`);
  return rule;
};

const LIMITED_INPUTS = [
  ["gestationalAgeAtBirth", "limitsGestation"],
  ["weightGrams", "limitsWeight"],
  ["payer", "limitsPayer"],
] as const satisfies readonly (readonly [Exclude<DecidingInput, "age">, keyof CompiledRule])[];

/**
 * What chose the selections' codes (those of one code, when given), as a sentence names it: the
 * age, and each input besides age that the request gives and one of their rules limits, as their
 * explanations say it (", weighing 1,400 g"): "the age and the present weight".
 */
const decidedBy = (
  compiled: CompiledRuleSet,
  selections: readonly Selection[],
  request: CheckRequest,
  selected?: string,
): string => {
  const others: string[] = [];
  for (const [input, limits] of LIMITED_INPUTS)
    if (
      request[input] !== undefined &&
      selections.some(
        (selection) =>
          (selected === undefined || selection.code === selected) &&
          ruleOf(compiled, selection)[limits],
      )
    )
      others.push(INPUT_NAMES[input]);
  const last = others.pop();
  return last === undefined ? "the age" : `${["the age", ...others].join(", ")} and ${last}`;
};

/**
 * When no rule of the billed code is in effect on the date of service (a code not yet created, or
 * deleted by then), the dates it was in effect: a billed code that did not exist is said to be
 * that, not to be a code for another age.
 */
const notInEffectOn = (
  { table }: CompiledRuleSet,
  code: string,
  procedures: readonly CompiledProcedure[],
  dateOfService: CalendarDate,
): string | undefined => {
  const day = toEpochDay(dateOfService);
  for (const procedure of procedures)
    if (table.rulesInEffectOn(procedure.key, day)?.codes.has(code)) return undefined;
  const periods = procedures.flatMap(({ rules }) =>
    rules.flatMap(({ rule }) => (rule.code === code ? [rule.effective] : [])),
  );
  const said = [
    ...new Set(periods.map(({ from, to }) => (to ? `from ${from} to ${to}` : `from ${from}`))),
  ];
  return `${code} is not in effect on ${formatIsoDate(dateOfService)} (in effect ${said.join(", and ")})`;
};

const proceduresOf = (
  compiled: CompiledRuleSet,
  { code, procedure }: CheckRequest,
): Result<readonly CompiledProcedure[], CheckRefusal> => {
  const named = procedure === undefined ? undefined : compiled.procedures.get(procedure);
  if (procedure !== undefined && !named) return err(unknownProcedure(procedure));
  // A named procedure, or the procedures of the code: never a scan of the whole set.
  const procedures = named
    ? named.codes.has(code)
      ? [named]
      : []
    : (compiled.proceduresOfCode.get(code) ?? []);
  if (procedures.length > 0) return ok(procedures);
  const where = procedure === undefined ? "any procedure" : procedure;
  return err({
    kind: "unknown-code",
    code,
    message: `no rule of ${where} has the code ${JSON.stringify(code)}`,
  });
};

// Why a code is not in effect is looked for only when it is inconsistent: nearly every claim line
// is consistent, and a consistent code is in effect. A consistent code is said to agree with what
// chose it; an inconsistent one to disagree with what chose the codes expected.
const verdict = (
  code: string,
  selections: readonly Selection[],
  decided: (selected?: string) => string,
  notInEffect: () => string | undefined,
): CodeCheck => {
  const expected: string[] = [];
  for (const { code: selected } of selections)
    if (!expected.includes(selected)) expected.push(selected);
  const consistent = expected.includes(code);
  const because = factsOnce(selections);
  return {
    code,
    consistent,
    expected,
    selections,
    explanation: consistent
      ? `${code} is consistent with ${decided(code)}: ${because}`
      : `${notInEffect() ?? `${code} is not consistent with ${decided()}`}: ${because}`,
  };
};

/**
 * Each fact once: the age, said by every selection, and a band and code two procedures share. One
 * selection says each of its facts once already (its age, then its band), so it is said as it is.
 */
const factsOnce = (selections: readonly Selection[]): string => {
  const [only] = selections;
  if (only && selections.length === 1) return only.explanation;
  const facts = selections.flatMap((selection) => selection.explanation.split("; "));
  return [...new Set(facts)].join("; ");
};
