import {
  AGE_UNITS,
  type Age,
  type AgeUnit,
  ageAt,
  ageIn,
  formatAge,
  MAX_AGE_YEARS,
  overLimit,
  periodBetween,
} from "./age.js";
import { birthDatesForAge } from "./birth-dates.js";
import { addDays, type CalendarDate, parseIsoDate, toEpochDay } from "./calendar-date.js";
import {
  atAge,
  type Circumstances,
  circumstancePhrase,
  circumstancesFor,
  decidingInputsOf,
  NO_LIMITS,
} from "./circumstances.js";
import { inBandOrder } from "./code-order.js";
import type { RulesInEffect } from "./compiled-procedure.js";
import { type Circumstance, type CompiledRule, holdsIn } from "./compiled-rule.js";
import type { CompiledRuleSet } from "./compiled-rule-set.js";
import { err, ok, type Result } from "./result.js";
import type { SearchTable, StretchEntry } from "./search-table.js";
import type { GivenAge, KnownAge, PatientRequest, Selection, SelectionRefusal } from "./select.js";
import {
  ambiguity,
  noRuleInEffect,
  notCovered,
  unknownPayer,
  unknownProcedure,
  weightNotCovered,
} from "./selection-refusals.js";
import { servedText } from "./served-text.js";

/*
 * Selection over a rule set's compiled form (core/compiled-rule-set.ts): the rules in effect and
 * the band that holds the age are each a binary search, and the answer joins what was said of the
 * rule when it was compiled with what depends on the patient's age.
 */

/**
 * Selection for one procedure of a compiled rule set, the date of service already parsed: what
 * select does after parsing it, and what a check does for each procedure of the billed code.
 */
export const selectIn = (
  compiled: CompiledRuleSet,
  procedure: string,
  dateOfService: CalendarDate,
  request: PatientRequest,
): Result<Selection, SelectionRefusal> => {
  const { table } = compiled;
  const entry = table.procedure(procedure);
  if (entry === undefined) return err(unknownProcedure(procedure));
  if (request.payer !== undefined && !compiled.payers.includes(request.payer))
    return err(unknownPayer(request.payer, compiled.payers));
  // A valid date is already written as formatIsoDate writes it: it is said as given.
  const on = request.dateOfService;
  const day = toEpochDay(dateOfService);
  const stretch = table.stretchOn(entry, day);
  if (stretch === undefined)
    return err(noRuleInEffect(procedure, on, day, compiled.procedures.get(procedure)?.retired));
  // Only where a rule limits more than age need the rules in effect be read beyond the table.
  const limited = table.limitsBesidesAge(stretch) ? table.rulesInEffect(stretch) : undefined;
  // A payer another procedure declares decides nothing here, unless these rules tell payers apart.
  if (
    limited?.limitsPayer &&
    request.payer !== undefined &&
    !limited.payers.includes(request.payer)
  )
    return err(unknownPayer(request.payer, limited.payers));
  const circumstances = circumstancesFor(limited, request);
  const found = { table, stretch };
  return request.age
    ? selectByGivenAge(found, dateOfService, on, request.age, circumstances)
    : selectByBirthDate(found, dateOfService, on, request.dateOfBirth, circumstances);
};

/** The rules of a procedure in effect on the date of service, in their rule set's search table. */
interface Found {
  readonly table: SearchTable;
  readonly stretch: StretchEntry;
}

const rulesInEffect = ({ table, stretch }: Found): RulesInEffect => table.rulesInEffect(stretch);

export { unknownProcedure };

const selectByBirthDate = (
  found: Found,
  dateOfService: CalendarDate,
  on: string,
  dateOfBirth: string,
  circumstances: Circumstances,
): Result<Selection, SelectionRefusal> => {
  const birth = parseIsoDate(dateOfBirth, "dateOfBirth");
  if (!birth.ok) return birth;
  const age = ageAt(birth.value, dateOfService);
  if (!age.ok) return age;
  const { years, months, days, totalDays } = age.value;
  const band = found.table.bandAt(found.stretch, age.value);
  // One circumstance finds one rule; several may find several.
  const atThisAge =
    circumstances.count === 1
      ? undefined
      : atAge(circumstances, rulesInEffect(found).bandRules[band] ?? [], totalDays);
  const column = atThisAge && rulesIn(found, band, totalDays, atThisAge);
  const codes = column && byCode(column);
  if (atThisAge && column && codes && codes.length > 1) {
    const deciding = decidingInputsOf(atThisAge, column);
    return err(ambiguity({ rules: codes, stated: statedAge(age.value), on, deciding }));
  }
  const rule = codes
    ? codes[0]
    : ruleOfBand(found, band, circumstances.each[0] ?? NO_LIMITS, totalDays);
  if (!rule) return err(uncovered(found, band, circumstances, statedAge(age.value), on));
  const { unit } = rule;
  return ok(
    selection(
      rule,
      on,
      { years, months, days },
      `${formatAge(ageIn(age.value, unit), unit)} old on ${on} (completed ${unit})${circumstancePhrase(rule, circumstances, totalDays)}`,
      standsForSeveral(column),
    ),
  );
};

/** The age as a refusal states it; an answer says it in its band's unit instead. */
const statedAge = (age: Age): string =>
  `${formatAge(age.years, "years")} old (${formatAge(age.totalDays, "days")})`;

/**
 * No rule holds: the age has no band, or (validation having covered every gestational age and
 * every declared payer) the weight given is outside every weight of its band.
 */
const uncovered = (
  found: Found,
  band: number,
  circumstances: Circumstances,
  stated: string,
  on: string,
): SelectionRefusal => {
  const grams = circumstances.count === 1 ? circumstances.each[0]?.grams : undefined;
  const inEffect = rulesInEffect(found);
  const held = inEffect.bandRules[band];
  return grams !== undefined && held
    ? weightNotCovered(inBandOrder(held), grams, on)
    : notCovered(inEffect, stated, on);
};

const selectByGivenAge = (
  found: Found,
  dateOfService: CalendarDate,
  on: string,
  given: GivenAge,
  circumstances: Circumstances,
): Result<Selection, SelectionRefusal> => {
  const problem = givenAgeProblem(given, dateOfService);
  if (problem) return err(problem);
  const stated = `${formatAge(given.value, given.unit)} old`;
  const births = birthDatesForAge(dateOfService, given.value, given.unit);
  const ages = births.map((birth) => periodBetween(birth, dateOfService));
  const bands = ages.map((age) => found.table.bandAt(found.stretch, age));
  // One column per date of birth: the rule it selects in each circumstance.
  const columns = ages.map((age, index) =>
    rulesIn(found, bands[index] ?? -1, age.totalDays, circumstances),
  );
  const all = columns.flat();
  const codes = byCode(all);
  const [rule] = codes;
  if (codes.length > 1) {
    const runs = circumstances.each
      .map((_, row) => runsOf(columns.map((column) => column[row])))
      .filter((row) => row.length > 1);
    const deciding = [
      ...new Set(columns.flatMap((column) => decidingInputsOf(circumstances, column))),
    ];
    return err(
      ambiguity({
        rules: codes,
        stated,
        on,
        decidingUnit: runs.length > 0 ? decidingUnit(runs.flat(), given.unit) : undefined,
        deciding,
      }),
    );
  }
  if (!rule) {
    const band = bands.find((held) => held >= 0) ?? -1;
    return err(uncovered(found, band, circumstances, stated, on));
  }
  return ok(
    selection(
      rule,
      on,
      knownAge(given, births, dateOfService),
      `${stated} on ${on} (as given)${circumstancePhrase(rule, circumstances)}`,
      standsForSeveral(all),
    ),
  );
};

const givenAgeProblem = (
  given: GivenAge,
  dateOfService: CalendarDate,
): SelectionRefusal | undefined => {
  if (!Number.isSafeInteger(given.value) || given.value < 0) {
    return {
      kind: "invalid-age",
      message: `age.value must be a whole number of ${given.unit}, 0 or more`,
    };
  }
  return isOverLimit(given, dateOfService)
    ? overLimit(formatAge(given.value, given.unit))
    : undefined;
};

const isOverLimit = ({ value, unit }: GivenAge, dateOfService: CalendarDate): boolean => {
  switch (unit) {
    case "years":
      return value > MAX_AGE_YEARS;
    case "months":
      return value >= (MAX_AGE_YEARS + 1) * 12;
    case "days":
      // How many days make 151 years depends on the date of service; count them only when close.
      return (
        value > (MAX_AGE_YEARS + 1) * 366 ||
        periodBetween(addDays(dateOfService, -value), dateOfService).years > MAX_AGE_YEARS
      );
  }
};

/**
 * The rules found, one per code (the first found of each), and "no rule" once: rules that give the
 * same code on both sides of an edge (of gestational age, weight or payer, or of a band) leave
 * nothing open, so they answer rather than make the input ambiguous.
 */
const byCode = (found: readonly (CompiledRule | undefined)[]): (CompiledRule | undefined)[] => {
  const seen = new Map<string | undefined, CompiledRule | undefined>();
  for (const rule of found) if (!seen.has(rule?.code)) seen.set(rule?.code, rule);
  return [...seen.values()];
};

/** Whether one code was found through several rules, so that no one rule's limits apply. */
const standsForSeveral = (found: readonly (CompiledRule | undefined)[] | undefined): boolean =>
  found?.some((rule) => rule !== found[0]) ?? false;

/** The rule of the band that holds the age (if one does) in each circumstance. */
const rulesIn = (
  found: Found,
  band: number,
  daysOld: number,
  circumstances: Circumstances,
): (CompiledRule | undefined)[] => {
  const column: (CompiledRule | undefined)[] = [];
  for (const circumstance of circumstances.each)
    column.push(ruleOfBand(found, band, circumstance, daysOld));
  return column;
};

/**
 * The first of the band's rules (in rule-set order) that holds in the circumstance: the band's
 * first rule itself where no rule in effect limits anything but age, with no list to read.
 */
const ruleOfBand = (
  found: Found,
  band: number,
  circumstance: Circumstance,
  daysOld: number,
): CompiledRule | undefined => {
  if (band < 0) return undefined;
  if (circumstance === NO_LIMITS) return found.table.firstRuleOf(found.stretch, band);
  for (const rule of rulesInEffect(found).bandRules[band] ?? [])
    if (holdsIn(rule, circumstance, daysOld)) return rule;
  return undefined;
};

interface Run {
  readonly rule: CompiledRule | undefined;
  readonly edge?: AgeUnit;
}

/** Consecutive stretches of the dates of birth (youngest first) that select the same rule (or none). */
const runsOf = (rulesByBirth: readonly (CompiledRule | undefined)[]): Run[] => {
  const runs: Run[] = [];
  for (const rule of rulesByBirth) {
    const previous = runs.at(-1);
    if (!previous || previous.rule?.code !== rule?.code)
      runs.push({ rule, edge: previous && edgeUnit(previous.rule, rule) });
  }
  return runs;
};

// The edge between two neighbouring bands is drawn in the unit of the upper end of the younger one.
const edgeUnit = (younger: CompiledRule | undefined, older: CompiledRule | undefined): AgeUnit =>
  younger?.band.upper?.unit ?? older?.band.lower.unit ?? "days";

/** The finest unit of the band edges the runs cross, finer than the unit given if need be. */
const decidingUnit = (runs: readonly Run[], given: AgeUnit): AgeUnit => {
  const edges = runs.flatMap((run) => (run.edge ? [run.edge] : []));
  const finest = AGE_UNITS.find((unit) => edges.includes(unit)) ?? "days";
  return finest === given ? (AGE_UNITS[AGE_UNITS.indexOf(given) - 1] ?? "days") : finest;
};

/** What a given age fixes: a day count fixes the date of birth, months fix years and months. */
const knownAge = (
  given: GivenAge,
  births: readonly CalendarDate[],
  dateOfService: CalendarDate,
): KnownAge => {
  switch (given.unit) {
    case "days": {
      const [birth] = births;
      if (!birth) return {};
      const { years, months, days } = periodBetween(birth, dateOfService);
      return { years, months, days };
    }
    case "months":
      return { years: Math.floor(given.value / 12), months: given.value % 12 };
    case "years":
      return { years: given.value };
  }
};

const selection = (
  rule: CompiledRule,
  dateOfService: string,
  age: KnownAge,
  agePhrase: string,
  several = false,
): Selection => ({
  code: rule.code,
  // The code, not one rule, answers: the text says the band, and none of one rule's limits.
  text: several ? servedText({ text: rule.rule.text, band: rule.band }, rule.label) : rule.text,
  procedure: rule.procedure,
  ruleId: rule.id,
  band: rule.label,
  dateOfService,
  age,
  explanation: `${agePhrase}${rule.selects}`,
});
