import {
  AGE_UNITS,
  type Age,
  type AgeProblem,
  type AgeUnit,
  ageAt,
  ageIn,
  formatAge,
  MAX_AGE_YEARS,
  overLimit,
  periodBetween,
} from "./age.js";
import { type AgeBand, bandContains, bandLabel, bandUnit } from "./age-band.js";
import { birthDatesForAge } from "./birth-dates.js";
import {
  addDays,
  type CalendarDate,
  type DateProblem,
  formatIsoDate,
  parseIsoDate,
} from "./calendar-date.js";
import { inBandOrder } from "./code-order.js";
import {
  EVERY_GESTATION,
  formatGestation,
  type GestationalAge,
  gestationDays,
  limitsGestation,
  withinGestation,
} from "./gestation.js";
import { err, ok, type Result } from "./result.js";
import { indexOf, rulesOfProcedure } from "./rule-index.js";
import { isInEffect, type Rule, type RuleSet } from "./rule-set.js";
import { servedText } from "./served-text.js";

/** An age given instead of a date of birth: "5 years", "71 months", "2191 days". */
export interface GivenAge {
  readonly value: number;
  readonly unit: AgeUnit;
}

export type SelectionRequest = {
  readonly procedure: string;
  /** YYYY-MM-DD */
  readonly dateOfService: string;
  /** Decides only where a rule limits age from conception; without it every gestational age counts. */
  readonly gestationalAgeAtBirth?: GestationalAge | undefined;
} & (
  | { readonly dateOfBirth: string; readonly age?: undefined }
  | { readonly age: GivenAge; readonly dateOfBirth?: undefined }
);

/** The parts of the period since birth that the input fixes; a given age in years fixes only years. */
export interface KnownAge {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
}

export interface Selection {
  readonly code: string;
  /** The rule's text joined with the ages its band holds (servedText): one sentence. */
  readonly text: string;
  readonly procedure: string;
  readonly ruleId: string;
  readonly band: string;
  readonly dateOfService: string;
  readonly age: KnownAge;
  readonly explanation: string;
}

export type SelectionRefusal =
  | DateProblem
  | AgeProblem
  | { readonly kind: "invalid-age"; readonly message: string }
  | { readonly kind: "unknown-procedure"; readonly procedure: string; readonly message: string }
  | { readonly kind: "no-rule-in-effect"; readonly procedure: string; readonly message: string }
  | {
      readonly kind: "age-not-covered";
      readonly procedure: string;
      /** Where the procedure does have codes, so a tool can point the coder elsewhere. */
      readonly codesByAge: readonly CodeForAges[];
      readonly message: string;
    }
  | {
      readonly kind: "ambiguous-age";
      /** The inputs that would decide: a finer age (in `decidingUnit`), the gestational age, or both. */
      readonly decidingInputs: readonly DecidingInput[];
      readonly decidingUnit?: AgeUnit;
      readonly codes: readonly string[];
      readonly message: string;
    };

/** The request fields that can decide between codes the input leaves open. */
export const DECIDING_INPUTS = ["age", "gestationalAgeAtBirth"] as const;
export type DecidingInput = (typeof DECIDING_INPUTS)[number];

/** One code of a procedure and the ages it is for. */
export interface CodeForAges {
  readonly code: string;
  readonly band: string;
}

/** Picks the one rule whose band holds the patient's age on the date of service, and says why. */
export const select = (
  ruleSet: RuleSet,
  request: SelectionRequest,
): Result<Selection, SelectionRefusal> => {
  const dateOfService = parseIsoDate(request.dateOfService, "dateOfService");
  if (!dateOfService.ok) return dateOfService;
  const rules = rulesInEffect(ruleSet, request.procedure, request.dateOfService);
  if (!rules.ok) return rules;
  const gestations = gestationsFor(rules.value, request.gestationalAgeAtBirth);
  return request.age
    ? selectByGivenAge(rules.value, dateOfService.value, request.age, gestations)
    : selectByBirthDate(rules.value, dateOfService.value, request.dateOfBirth, gestations);
};

/**
 * The gestational ages at birth the answer must hold for, in days: the one given, every one the
 * rules answer for when a rule limits age from conception, or none that matters.
 */
type Gestations = readonly (number | undefined)[];

const gestationsFor = (rules: readonly Rule[], given: GestationalAge | undefined): Gestations => {
  if (!rules.some(limitsGestation)) return [undefined];
  return given ? [gestationDays(given)] : EVERY_GESTATION;
};

/** The refusal for a procedure the rule set does not have, or undefined when it has it. */
export const unknownProcedure = (
  ruleSet: RuleSet,
  procedure: string,
): SelectionRefusal | undefined =>
  indexOf(ruleSet).procedures.has(procedure)
    ? undefined
    : {
        kind: "unknown-procedure",
        procedure,
        message: `there is no procedure ${JSON.stringify(procedure)}`,
      };

const rulesInEffect = (
  ruleSet: RuleSet,
  procedure: string,
  dateOfService: string,
): Result<Rule[], SelectionRefusal> => {
  const unknown = unknownProcedure(ruleSet, procedure);
  if (unknown) return err(unknown);
  const rules = rulesOfProcedure(ruleSet, procedure).filter((rule) =>
    isInEffect(rule.effective, dateOfService),
  );
  if (rules.length > 0) return ok(rules);
  return err({
    kind: "no-rule-in-effect",
    procedure,
    message: `no rule of ${procedure} is in effect on ${dateOfService}`,
  });
};

const selectByBirthDate = (
  rules: readonly Rule[],
  dateOfService: CalendarDate,
  dateOfBirth: string,
  gestations: Gestations,
): Result<Selection, SelectionRefusal> => {
  const birth = parseIsoDate(dateOfBirth, "dateOfBirth");
  if (!birth.ok) return birth;
  const age = ageAt(birth.value, dateOfService);
  if (!age.ok) return age;
  const on = formatIsoDate(dateOfService);
  const stated = `${formatAge(age.value.years, "years")} old (${formatAge(age.value.totalDays, "days")})`;
  const found = [...new Set(rulesByGestation(rules, age.value, gestations))];
  const [rule] = found;
  if (found.length > 1) return err(ambiguity({ rules: found, stated, on, gestationDecides: true }));
  if (!rule) return err(notCovered(rules, stated, on));
  const unit = bandUnit(rule.band);
  const { years, months, days } = age.value;
  return ok(
    selection(
      rule,
      on,
      { years, months, days },
      `${formatAge(ageIn(age.value, unit), unit)} old on ${on} (completed ${unit})${fromConception(rule, gestations, age.value.totalDays)}`,
    ),
  );
};

/** How age from conception entered the choice, when a rule limits it and it was given. */
const fromConception = (rule: Rule, [atBirth, ...others]: Gestations, daysOld?: number): string => {
  if (atBirth === undefined || others.length > 0 || !limitsGestation(rule)) return "";
  const since =
    daysOld === undefined ? "" : `, ${formatGestation(atBirth + daysOld)} after conception`;
  return `, born at ${formatGestation(atBirth)}${since}`;
};

const selectByGivenAge = (
  rules: readonly Rule[],
  dateOfService: CalendarDate,
  given: GivenAge,
  gestations: Gestations,
): Result<Selection, SelectionRefusal> => {
  const problem = givenAgeProblem(given, dateOfService);
  if (problem) return err(problem);
  const on = formatIsoDate(dateOfService);
  const stated = `${formatAge(given.value, given.unit)} old`;
  const births = birthDatesForAge(dateOfService, given.value, given.unit);
  const ages = births.map((birth) => periodBetween(birth, dateOfService));
  // One column per date of birth: the rule it selects at each gestational age.
  const columns = ages.map((age) => rulesByGestation(rules, age, gestations));
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
  if (!rule) return err(notCovered(rules, stated, on));
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

/** The rule for this age at each gestational age; the bands are matched once for all of them. */
const rulesByGestation = (
  rules: readonly Rule[],
  age: Age,
  gestations: Gestations,
): (Rule | undefined)[] => {
  const inBand = rules.filter((rule) => bandContains(rule.band, age));
  return gestations.map((atBirth) =>
    inBand.find((rule) => atBirth === undefined || withinGestation(rule, atBirth, age.totalDays)),
  );
};
interface Run {
  readonly rule: Rule | undefined;
  readonly edge?: AgeUnit;
}

/** Consecutive stretches of the dates of birth (youngest first) that select the same rule (or none). */
const runsOf = (rulesByBirth: readonly (Rule | undefined)[]): Run[] => {
  const runs: Run[] = [];
  for (const rule of rulesByBirth) {
    const previous = runs.at(-1);
    if (!previous || previous.rule !== rule)
      runs.push({ rule, edge: previous && edgeUnit(previous.rule?.band, rule?.band) });
  }
  return runs;
};

// The edge between two neighbouring bands is drawn in the unit of the upper end of the younger one.
const edgeUnit = (younger: AgeBand | undefined, older: AgeBand | undefined): AgeUnit =>
  younger?.upper?.unit ?? older?.lower.unit ?? "days";

/** The finest unit of the band edges the runs cross, finer than the unit given if need be. */
const decidingUnit = (runs: readonly Run[], given: AgeUnit): AgeUnit => {
  const edges = runs.flatMap((run) => (run.edge ? [run.edge] : []));
  const finest = AGE_UNITS.find((unit) => edges.includes(unit)) ?? "days";
  return finest === given ? (AGE_UNITS[AGE_UNITS.indexOf(given) - 1] ?? "days") : finest;
};

interface Ambiguity {
  readonly rules: readonly (Rule | undefined)[];
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
const notCovered = (rules: readonly Rule[], stated: string, on: string): SelectionRefusal => {
  const procedure = rules[0]?.procedure ?? "";
  const codesByAge = inBandOrder(rules).map(({ code, band }) => ({ code, band: bandLabel(band) }));
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
  rule: Rule,
  dateOfService: string,
  age: KnownAge,
  agePhrase: string,
): Selection => {
  const band = bandLabel(rule.band);
  return {
    code: rule.code,
    text: servedText(rule, band),
    procedure: rule.procedure,
    ruleId: rule.id,
    band,
    dateOfService,
    age,
    explanation: `${agePhrase}; '${band}' selects ${rule.code}`,
  };
};
