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
import { addDays, type CalendarDate, parseIsoDate } from "./calendar-date.js";
import { inBandOrder } from "./code-order.js";
import { bandAt, type RulesInEffect, rulesInEffectOn } from "./compiled-procedure.js";
import { type CompiledRule, holdsGestation } from "./compiled-rule.js";
import type { CompiledRuleSet } from "./compiled-rule-set.js";
import {
  EVERY_GESTATION,
  formatGestation,
  type GestationalAge,
  gestationDays,
} from "./gestation.js";
import { err, ok, type Result } from "./result.js";
import type {
  DecidingInput,
  GivenAge,
  KnownAge,
  PatientRequest,
  Selection,
  SelectionRefusal,
} from "./select.js";

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
  const known = compiled.procedures.get(procedure);
  if (!known) return err(unknownProcedure(procedure));
  // A valid date is already written as formatIsoDate writes it: it is said as given.
  const on = request.dateOfService;
  const inEffect = rulesInEffectOn(known, dateOfService);
  if (!inEffect) {
    return err({
      kind: "no-rule-in-effect",
      procedure,
      message: `no rule of ${procedure} is in effect on ${on}`,
    });
  }
  const gestations = gestationsFor(inEffect, request.gestationalAgeAtBirth);
  return request.age
    ? selectByGivenAge(inEffect, dateOfService, on, request.age, gestations)
    : selectByBirthDate(inEffect, dateOfService, on, request.dateOfBirth, gestations);
};

/** The refusal for a procedure the rule set does not have. */
export const unknownProcedure = (procedure: string): SelectionRefusal => ({
  kind: "unknown-procedure",
  procedure,
  message: `there is no procedure ${JSON.stringify(procedure)}`,
});

/**
 * The gestational ages at birth the answer must hold for, in days: the one given, every one the
 * rules answer for when a rule limits age from conception, or none that matters.
 */
type Gestations = readonly (number | undefined)[];

const ANY_GESTATION: Gestations = [undefined];

const gestationsFor = (inEffect: RulesInEffect, given: GestationalAge | undefined): Gestations => {
  if (!inEffect.limitsGestation) return ANY_GESTATION;
  return given ? [gestationDays(given)] : EVERY_GESTATION;
};

const selectByBirthDate = (
  inEffect: RulesInEffect,
  dateOfService: CalendarDate,
  on: string,
  dateOfBirth: string,
  gestations: Gestations,
): Result<Selection, SelectionRefusal> => {
  const birth = parseIsoDate(dateOfBirth, "dateOfBirth");
  if (!birth.ok) return birth;
  const age = ageAt(birth.value, dateOfService);
  if (!age.ok) return age;
  const { years, months, days, totalDays } = age.value;
  const band = bandAt(inEffect, age.value);
  // One gestational age (or none that matters) finds one rule; every one may find several.
  const found =
    gestations.length === 1
      ? undefined
      : [...new Set(rulesByGestation(inEffect, band, totalDays, gestations))];
  if (found && found.length > 1)
    return err(
      ambiguity({ rules: found, stated: statedAge(age.value), on, gestationDecides: true }),
    );
  const rule = found ? found[0] : ruleOfBand(inEffect, band, gestations[0], totalDays);
  if (!rule) return err(notCovered(inEffect, statedAge(age.value), on));
  const { unit } = rule;
  return ok(
    selection(
      rule,
      on,
      { years, months, days },
      `${formatAge(ageIn(age.value, unit), unit)} old on ${on} (completed ${unit})${fromConception(rule, gestations, totalDays)}`,
    ),
  );
};

/** The age as a refusal states it; an answer says it in its band's unit instead. */
const statedAge = (age: Age): string =>
  `${formatAge(age.years, "years")} old (${formatAge(age.totalDays, "days")})`;

/** How age from conception entered the choice, when a rule limits it and it was given. */
const fromConception = (rule: CompiledRule, gestations: Gestations, daysOld?: number): string => {
  const [atBirth] = gestations;
  if (atBirth === undefined || gestations.length > 1 || !rule.limitsGestation) return "";
  const since =
    daysOld === undefined ? "" : `, ${formatGestation(atBirth + daysOld)} after conception`;
  return `, born at ${formatGestation(atBirth)}${since}`;
};

const selectByGivenAge = (
  inEffect: RulesInEffect,
  dateOfService: CalendarDate,
  on: string,
  given: GivenAge,
  gestations: Gestations,
): Result<Selection, SelectionRefusal> => {
  const problem = givenAgeProblem(given, dateOfService);
  if (problem) return err(problem);
  const stated = `${formatAge(given.value, given.unit)} old`;
  const births = birthDatesForAge(dateOfService, given.value, given.unit);
  const ages = births.map((birth) => periodBetween(birth, dateOfService));
  // One column per date of birth: the rule it selects at each gestational age.
  const columns = ages.map((age) =>
    rulesByGestation(inEffect, bandAt(inEffect, age), age.totalDays, gestations),
  );
  const found = [...new Set(columns.flat())];
  const [rule] = found;
  if (found.length > 1) {
    const runs = gestations
      .map((_, row) => runsOf(columns.map((column) => column[row])))
      .filter((row) => row.length > 1);
    const gestationDecides = columns.some((column) => new Set(column).size > 1);
    return err(
      ambiguity({
        rules: found,
        stated,
        on,
        decidingUnit: runs.length > 0 ? decidingUnit(runs.flat(), given.unit) : undefined,
        gestationDecides,
      }),
    );
  }
  if (!rule) return err(notCovered(inEffect, stated, on));
  return ok(
    selection(
      rule,
      on,
      knownAge(given, births, dateOfService),
      `${stated} on ${on} (as given)${fromConception(rule, gestations)}`,
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

/** The rule of the band that holds the age (if one does) at each gestational age. */
const rulesByGestation = (
  inEffect: RulesInEffect,
  band: number,
  daysOld: number,
  gestations: Gestations,
): (CompiledRule | undefined)[] => {
  const found: (CompiledRule | undefined)[] = [];
  for (const atBirth of gestations) found.push(ruleOfBand(inEffect, band, atBirth, daysOld));
  return found;
};

/**
 * The first of the band's rules (in rule-set order) whose limits from conception hold: the band's
 * first rule itself when the gestational age does not decide, with no list to read.
 */
const ruleOfBand = (
  inEffect: RulesInEffect,
  band: number,
  atBirth: number | undefined,
  daysOld: number,
): CompiledRule | undefined => {
  if (band < 0) return undefined;
  if (atBirth === undefined) return inEffect.bands[band];
  for (const rule of inEffect.bandRules[band] ?? [])
    if (holdsGestation(rule, atBirth, daysOld)) return rule;
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
    if (!previous || previous.rule !== rule)
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

interface Ambiguity {
  readonly rules: readonly (CompiledRule | undefined)[];
  readonly stated: string;
  readonly on: string;
  /** The finer unit of age that would decide, when the age does. */
  readonly decidingUnit?: AgeUnit | undefined;
  readonly gestationDecides: boolean;
}

const ambiguity = ({
  rules,
  stated,
  on,
  decidingUnit,
  gestationDecides,
}: Ambiguity): SelectionRefusal => {
  // The codes go in band order; "no code" stays at the end of the ages it stands for.
  const inOrder = inBandOrder(rules.filter((rule) => rule !== undefined)).map(({ code }) => code);
  const uncovered = rules.includes(undefined) ? ["no code"] : [];
  const codes = [...new Set(rules[0] ? [...inOrder, ...uncovered] : [...uncovered, ...inOrder])];
  const ageDecides = decidingUnit !== undefined;
  const decidingInputs: DecidingInput[] = [
    ...(ageDecides ? (["age"] as const) : []),
    ...(gestationDecides ? (["gestationalAgeAtBirth"] as const) : []),
  ];
  const what = [
    ...(ageDecides ? ["spans a band edge"] : []),
    ...(gestationDecides ? ["depends on the gestational age at birth"] : []),
  ].join(" and ");
  const depending = ageDecides ? " depending on the date of birth" : "";
  const give = [
    ...(ageDecides ? [`the age in ${decidingUnit} or the date of birth`] : []),
    ...(gestationDecides ? ["gestationalAgeAtBirth"] : []),
  ].join(", and ");
  return {
    kind: "ambiguous-age",
    decidingInputs,
    ...(decidingUnit ? { decidingUnit } : {}),
    codes: codes.filter((code) => code !== "no code"),
    message: `${stated} on ${on} ${what} (${codes.join(" or ")}${depending}); give ${give}`,
  };
};

/** Not applicable is an answer: the procedure has no code at this age, and these are its codes. */
const notCovered = (inEffect: RulesInEffect, stated: string, on: string): SelectionRefusal => {
  const procedure = inEffect.rules[0]?.procedure ?? "";
  const codesByAge = inEffect.inBandOrder.map(({ code, label }) => ({ code, band: label }));
  const listed = codesByAge.map(({ code, band }) => `${code} ${band}`).join("; ");
  return {
    kind: "age-not-covered",
    procedure,
    codesByAge,
    message: `${procedure} has no code for a patient ${stated} on ${on}; its codes are for other ages (${listed})`,
  };
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
): Selection => ({
  code: rule.code,
  text: rule.text,
  procedure: rule.procedure,
  ruleId: rule.id,
  band: rule.label,
  dateOfService,
  age,
  explanation: `${agePhrase}${rule.selects}`,
});
