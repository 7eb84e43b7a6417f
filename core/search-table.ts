import type { Age } from "./age.js";
import type { CompiledStretches, RulesInEffect } from "./compiled-procedure.js";
import type { CompiledRule } from "./compiled-rule.js";

/*
 * The numbers a selection searches, for every procedure of a compiled rule set, in one array of
 * integers: the first day of each of a procedure's stretches of dates of service, and the edges of
 * each stretch's bands, youngest first. At the limits a selection's cost is mostly memory: found
 * through a procedure's arrays of stretches and of bands and the bands' rules themselves, a
 * selection followed a dozen objects strewn over the heap. Here both binary searches read a few
 * neighbouring numbers, and a selection whose rules limit nothing but age reaches only the rule it
 * answers with.
 *
 * A procedure's entry: its stretch count n, the first day of each stretch (days since 1970-01-01),
 * then the entry of each stretch (NONE where no rule is in effect). Its stretches' entries follow.
 * A stretch's entry: its place in the list of stretches, whether a rule limits anything besides
 * age (1 or 0), its band count, then each band's start edge, end edge and the place of its first
 * rule in the list of those rules.
 */

/** A procedure's entry in a search table. */
export type ProcedureEntry = number & { readonly entry: "procedure" };
/** The entry of the rules of one procedure in effect over one stretch of dates of service. */
export type StretchEntry = number & { readonly entry: "stretch" };

/** No stretch: where a procedure has no rule in effect. */
const NONE = -1;
const PER_BAND = 3;
const BANDS = 3;

/**
 * A band edge as one integer: completed days as they are, completed months as their complement
 * (below 0), so that whether an age has reached it is one comparison of one of the age's totals.
 */
export const edge = (inDays: boolean, value: number): number => (inDays ? value : ~value);

/** An end no age reaches: past any day count a valid age has. */
export const NO_END = 0x7fff_ffff;

/** Whether a patient of this age has completed the edge. */
const reached = (age: Age, at: number): boolean =>
  at >= 0 ? age.totalDays >= at : age.totalMonths >= ~at;

/** The numbers and lists a compiled rule set searches; built once, as its version loads. */
export class SearchTable {
  readonly #entries: ReadonlyMap<string, ProcedureEntry>;
  readonly #numbers: Int32Array;
  readonly #stretches: readonly RulesInEffect[];
  readonly #rules: readonly CompiledRule[];

  /** What the builder holds, copied: a procedure added to it later is not in this table. */
  constructor({ entries, numbers, stretches, rules }: SearchTableBuilder) {
    this.#entries = new Map(entries);
    this.#numbers = new Int32Array(numbers);
    this.#stretches = [...stretches];
    this.#rules = [...rules];
  }

  /** The procedure's entry; none for a procedure the rule set does not have. */
  procedure(key: string): ProcedureEntry | undefined {
    return this.#entries.get(key);
  }

  /** The rules of the procedure in effect on a day (days since 1970-01-01), by a binary search over its stretches' first days. */
  stretchOn(procedure: ProcedureEntry, day: number): StretchEntry | undefined {
    const numbers = this.#numbers;
    const count = numbers[procedure] as number;
    let [low, high] = [0, count];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((numbers[procedure + 1 + middle] as number) <= day) low = middle + 1;
      else high = middle;
    }
    const stretch = low === 0 ? NONE : (numbers[procedure + count + low] as number);
    return stretch === NONE ? undefined : (stretch as StretchEntry);
  }

  /** The procedure's rules in effect on a day; none where it has none, or is not the rule set's. */
  rulesInEffectOn(key: string, day: number): RulesInEffect | undefined {
    const procedure = this.procedure(key);
    const stretch = procedure === undefined ? undefined : this.stretchOn(procedure, day);
    return stretch === undefined ? undefined : this.rulesInEffect(stretch);
  }

  /** The stretch's rules in effect, for what the table does not hold: limits besides age, codes. */
  rulesInEffect(stretch: StretchEntry): RulesInEffect {
    return this.#stretches[this.#numbers[stretch] as number] as RulesInEffect;
  }

  /** Whether a rule in effect limits gestational age, weight or payer: where none does, age alone decides. */
  limitsBesidesAge(stretch: StretchEntry): boolean {
    return this.#numbers[stretch + 1] === 1;
  }

  /**
   * The band that holds the age, by its place among the stretch's bands, or -1. The validator
   * refuses bands in effect together that overlap for any date of birth, unless they are one band
   * split by limits besides age: so each band ends where or before the next starts, and the last
   * band whose start the age has reached is the only candidate.
   */
  bandAt(stretch: StretchEntry, age: Age): number {
    const numbers = this.#numbers;
    const bands = stretch + BANDS;
    let [low, high] = [0, numbers[stretch + 2] as number];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (reached(age, numbers[bands + middle * PER_BAND] as number)) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return -1;
    const end = numbers[bands + (low - 1) * PER_BAND + 1] as number;
    return reached(age, end) ? -1 : low - 1;
  }

  /** The first rule (in rule-set order) of a band of the rules in effect. */
  firstRuleOf(stretch: StretchEntry, band: number): CompiledRule {
    const place = this.#numbers[stretch + BANDS + band * PER_BAND + 2] as number;
    return this.#rules[place] as CompiledRule;
  }
}

/** A search table as its rule set is compiled, procedure by procedure. */
export class SearchTableBuilder {
  readonly entries = new Map<string, ProcedureEntry>();
  readonly numbers: number[] = [];
  readonly stretches: RulesInEffect[] = [];
  readonly rules: CompiledRule[] = [];

  /** Adds a procedure's entry and its stretches'. */
  addProcedure(key: string, stretches: CompiledStretches): void {
    const { numbers } = this;
    this.entries.set(key, numbers.length as ProcedureEntry);
    numbers.push(stretches.length);
    for (const { from } of stretches) numbers.push(from);
    const entries = numbers.length;
    for (const _ of stretches) numbers.push(NONE);
    stretches.forEach(({ inEffect }, index) => {
      if (inEffect) numbers[entries + index] = this.#addStretch(inEffect);
    });
  }

  #addStretch(inEffect: RulesInEffect): number {
    const { numbers } = this;
    const at = numbers.length;
    const { limitsGestation, limitsWeight, limitsPayer, bandRules } = inEffect;
    numbers.push(
      this.stretches.length,
      limitsGestation || limitsWeight || limitsPayer ? 1 : 0,
      bandRules.length,
    );
    this.stretches.push(inEffect);
    for (const [band] of bandRules) {
      if (!band) throw new Error("a band without rules");
      numbers.push(band.start, band.end, this.rules.length);
      this.rules.push(band);
    }
    return at;
  }
}
