import type { AgeUnit } from "./age.js";
import { type AgeBand, bandEnd, bandLabel, bandStart, bandUnit } from "./age-band.js";
import { parseIsoDate, toEpochDay } from "./calendar-date.js";
import { type DayRange, dayRange, inDayRange, limitsGestation } from "./gestation.js";
import { limitsPayer, payersHeld } from "./payer.js";
import type { Rule } from "./rule-set.js";
import { edge, NO_END } from "./search-table.js";
import { servedText } from "./served-text.js";
import { monthAnniversary, type Threshold } from "./threshold.js";
import { type GramRange, gramRange, inGramRange, limitsWeight } from "./weight.js";

/**
 * A rule with everything an answer says about it worked out once: its band's edges, its label, its
 * unit and its limits from conception in days when its version is compiled, the sentence parts an
 * answer joins the first time one says them. Answers then build only what depends on the
 * patient's age.
 */
export class CompiledRule {
  /** The rule's id and procedure again, so that an answer need not reach into the rule for them. */
  readonly id: string;
  readonly procedure: string;
  /** The rule's band and code again, so that compiled rules sort in band order (core/code-order.ts). */
  readonly band: AgeBand;
  readonly code: string;
  /** The band's edges as a search table holds them (core/search-table.ts: edge). */
  readonly start: number;
  /** NO_END for a band with no end. */
  readonly end: number;
  /** The day a child born on SOME_BIRTH reaches the band's start: what orders bands in effect together. */
  readonly startsOn: number;
  /** bandLabel: "birth through 5 years". */
  readonly label: string;
  /** bandUnit: the unit the band's ages are said in. */
  readonly unit: AgeUnit;
  readonly limitsGestation: boolean;
  readonly atBirth: DayRange;
  readonly sinceConception: DayRange;
  readonly limitsWeight: boolean;
  readonly grams: GramRange;
  readonly limitsPayer: boolean;
  /** The declared payer programs the rule holds for. */
  readonly payers: ReadonlySet<string>;
  // Joined when first said, not as the version loads: a version at the limits has thousands of
  // rules a new instance mostly never answers with, and their words were a sixth of what the load
  // allocated.
  #text: string | undefined;
  #selects: string | undefined;

  constructor(
    readonly rule: Rule,
    declaredPayers: readonly string[],
  ) {
    const start = inDaysOrMonths(bandStart(rule.band));
    const bandEnds = bandEnd(rule.band);
    const end = bandEnds && inDaysOrMonths(bandEnds);
    this.id = rule.id;
    this.procedure = rule.procedure;
    this.band = rule.band;
    this.code = rule.code;
    this.start = edge(start.inDays, start.value);
    this.end = end ? edge(end.inDays, end.value) : NO_END;
    this.startsOn = dayOf(start);
    this.label = bandLabel(rule.band);
    this.unit = bandUnit(rule.band);
    this.limitsGestation = limitsGestation(rule);
    this.atBirth = dayRange(rule.gestationalAgeAtBirth);
    this.sinceConception = dayRange(rule.postConceptionAge);
    this.limitsWeight = limitsWeight(rule);
    this.grams = gramRange(rule.weightGrams);
    this.limitsPayer = limitsPayer(rule);
    this.payers = payerSet(rule, declaredPayers);
  }

  /** servedText: the rule's text joined with the ages its band holds. */
  get text(): string {
    this.#text ??= servedText(this.rule, this.label);
    return this.#text;
  }

  /** How every explanation of this rule ends: "; 'birth through 5 years' selects 33951". */
  get selects(): string {
    this.#selects ??= `; '${this.label}' selects ${this.code}`;
    return this.#selects;
  }
}

/**
 * What a request says (or, where it is silent, one of the values tried in its place) of the
 * inputs besides age that decide only where a rule limits them; undefined where none limits it.
 */
export interface Circumstance {
  /** Gestational age at birth, in days. */
  readonly atBirth?: number | undefined;
  readonly grams?: number | undefined;
  readonly payer?: string | undefined;
}

/**
 * Any date of birth will do: bands in effect together follow each other in one order for every
 * one. It is read by the core's own parser, as every date the core handles is: a date object made
 * elsewhere teaches the JIT another shape of date, and slows every selection after it.
 */
const SOME_BIRTH = (() => {
  const parsed = parseIsoDate("2000-01-31", "birth");
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
})();
const SOME_BIRTH_DAY = toEpochDay(SOME_BIRTH);

/** A threshold as a count of completed days or of completed months. */
interface DaysOrMonths {
  readonly inDays: boolean;
  readonly value: number;
}

/** A year is exactly twelve of java.time's months, and 0 of anything is birth. */
const inDaysOrMonths = ({ value, unit }: Threshold): DaysOrMonths =>
  value === 0 || unit === "days"
    ? { inDays: true, value }
    : { inDays: false, value: unit === "years" ? value * 12 : value };

const dayOf = ({ inDays, value }: DaysOrMonths): number =>
  inDays ? value : toEpochDay(monthAnniversary(SOME_BIRTH, value)) - SOME_BIRTH_DAY;

/** No payer program: one set shared by the rules of every procedure that declares none. */
const NO_PAYERS: ReadonlySet<string> = new Set();

const payerSet = (rule: Rule, declared: readonly string[]): ReadonlySet<string> =>
  declared.length === 0 ? NO_PAYERS : new Set(payersHeld(rule, declared));

/** withinGestation, on the compiled day ranges. */
export const holdsGestation = (rule: CompiledRule, atBirth: number, daysOld: number): boolean =>
  inDayRange(rule.atBirth, atBirth) && inDayRange(rule.sinceConception, atBirth + daysOld);

/** Whether the rule holds in these circumstances, each input checked only where one is given. */
export const holdsIn = (rule: CompiledRule, given: Circumstance, daysOld: number): boolean =>
  (given.atBirth === undefined || holdsGestation(rule, given.atBirth, daysOld)) &&
  (given.grams === undefined || inGramRange(rule.grams, given.grams)) &&
  (given.payer === undefined || rule.payers.has(given.payer));
