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
import { err, ok, type Result } from "./result.js";
import { isInEffect, type Rule, type RuleSet } from "./rule-set.js";

/** An age given instead of a date of birth: "5 years", "71 months", "2191 days". */
export interface GivenAge {
  readonly value: number;
  readonly unit: AgeUnit;
}

export type SelectionRequest = {
  readonly procedure: string;
  /** YYYY-MM-DD */
  readonly dateOfService: string;
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
      readonly decidingUnit: AgeUnit;
      readonly codes: readonly string[];
      readonly message: string;
    };

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
  return request.age
    ? selectByGivenAge(rules.value, dateOfService.value, request.age)
    : selectByBirthDate(rules.value, dateOfService.value, request.dateOfBirth);
};

const rulesInEffect = (
  ruleSet: RuleSet,
  procedure: string,
  dateOfService: string,
): Result<Rule[], SelectionRefusal> => {
  if (!ruleSet.procedures.some((p) => p.key === procedure)) {
    return err({
      kind: "unknown-procedure",
      procedure,
      message: `there is no procedure ${JSON.stringify(procedure)}`,
    });
  }
  const rules = ruleSet.rules.filter(
    (rule) => rule.procedure === procedure && isInEffect(rule.effective, dateOfService),
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
): Result<Selection, SelectionRefusal> => {
  const birth = parseIsoDate(dateOfBirth, "dateOfBirth");
  if (!birth.ok) return birth;
  const age = ageAt(birth.value, dateOfService);
  if (!age.ok) return age;
  const rule = ruleFor(rules, age.value);
  const on = formatIsoDate(dateOfService);
  if (!rule)
    return err(
      notCovered(
        rules,
        `${formatAge(age.value.years, "years")} old (${formatAge(age.value.totalDays, "days")})`,
        on,
      ),
    );
  const unit = bandUnit(rule.band);
  const { years, months, days } = age.value;
  return ok(
    selection(
      rule,
      on,
      { years, months, days },
      `${formatAge(ageIn(age.value, unit), unit)} old on ${on} (completed ${unit})`,
    ),
  );
};

const selectByGivenAge = (
  rules: readonly Rule[],
  dateOfService: CalendarDate,
  given: GivenAge,
): Result<Selection, SelectionRefusal> => {
  const problem = givenAgeProblem(given, dateOfService);
  if (problem) return err(problem);
  const on = formatIsoDate(dateOfService);
  const stated = `${formatAge(given.value, given.unit)} old`;
  const births = birthDatesForAge(dateOfService, given.value, given.unit);
  const runs = runsOfRules(rules, births, dateOfService);
  const [only] = runs;
  if (runs.length > 1) return err(ambiguity(runs, stated, on, given.unit));
  if (!only?.rule) return err(notCovered(rules, stated, on));
  return ok(
    selection(
      only.rule,
      on,
      knownAge(given, births, dateOfService),
      `${stated} on ${on} (as given)`,
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

const ruleFor = (rules: readonly Rule[], age: Age): Rule | undefined =>
  rules.find((rule) => bandContains(rule.band, age));

interface Run {
  readonly rule: Rule | undefined;
  readonly edge?: AgeUnit;
}

/** Consecutive stretches of the dates of birth that select the same rule (or none). */
const runsOfRules = (
  rules: readonly Rule[],
  births: readonly CalendarDate[],
  dateOfService: CalendarDate,
): Run[] => {
  const runs: Run[] = [];
  for (const birth of births) {
    const rule = ruleFor(rules, periodBetween(birth, dateOfService));
    const previous = runs.at(-1);
    if (!previous || previous.rule !== rule)
      runs.push({ rule, edge: previous && edgeUnit(previous.rule?.band, rule?.band) });
  }
  return runs;
};

// The edge between two neighbouring bands is drawn in the unit of the upper end of the younger one.
const edgeUnit = (younger: AgeBand | undefined, older: AgeBand | undefined): AgeUnit =>
  younger?.upper?.unit ?? older?.lower.unit ?? "days";

const ambiguity = (
  runs: readonly Run[],
  stated: string,
  on: string,
  given: AgeUnit,
): SelectionRefusal => {
  const edges = runs.flatMap((run) => (run.edge ? [run.edge] : []));
  const finest = AGE_UNITS.find((unit) => edges.includes(unit)) ?? "days";
  const decidingUnit =
    finest === given ? (AGE_UNITS[AGE_UNITS.indexOf(given) - 1] ?? "days") : finest;
  const codes = [...new Set(runs.map((run) => run.rule?.code ?? "no code"))];
  return {
    kind: "ambiguous-age",
    decidingUnit,
    codes: codes.filter((code) => code !== "no code"),
    message: `${stated} on ${on} spans a band edge (${codes.join(" or ")} depending on the date of birth); give the age in ${decidingUnit} or the date of birth`,
  };
};

/** Not applicable is an answer: the procedure has no code at this age, and these are its codes. */
const notCovered = (rules: readonly Rule[], stated: string, on: string): SelectionRefusal => {
  const procedure = rules[0]?.procedure ?? "";
  const codesByAge = rules.map(({ code, band }) => ({ code, band: bandLabel(band) }));
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
): Selection => ({
  code: rule.code,
  text: rule.text,
  procedure: rule.procedure,
  ruleId: rule.id,
  band: bandLabel(rule.band),
  dateOfService,
  age,
  explanation: `${agePhrase}; '${bandLabel(rule.band)}' selects ${rule.code}`,
});
