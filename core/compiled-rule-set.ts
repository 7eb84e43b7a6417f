import { type CompiledProcedure, compileProcedure } from "./compiled-procedure.js";
import { CompiledRule } from "./compiled-rule.js";
import { EpochDays } from "./epoch-days.js";
import { groupBy } from "./group-by.js";
import type { RuleSet } from "./rule-set.js";
import { SearchTable, SearchTableBuilder } from "./search-table.js";
import { keptStretches } from "./stretch-index.js";

/**
 * A validated rule set arranged for answering: its procedures by key, each procedure's rules by the
 * dates they are in effect and their bands youngest first, and the procedures of each code. A
 * selection or a check is then a lookup and two binary searches in one table of numbers, whatever
 * the size of the set, and what an answer says of a rule is worked out once. Built once per rule
 * set (a version is never changed once validated, so its compiled form never goes stale), by
 * whoever answers first: the function when it loads a version, the studio page, the CLI, the bench.
 */
export interface CompiledRuleSet {
  /** Every declared procedure, by key. */
  readonly procedures: ReadonlyMap<string, CompiledProcedure>;
  /** The procedures whose rules have each code, in the order of their first such rule. */
  readonly proceduresOfCode: ReadonlyMap<string, readonly CompiledProcedure[]>;
  readonly ruleById: ReadonlyMap<string, CompiledRule>;
  /** Every payer program a procedure declares, in order: a request naming another is refused. */
  readonly payers: readonly string[];
  /** Where each procedure's stretches and their bands' edges are searched. */
  readonly table: SearchTable;
}

const built = new WeakMap<RuleSet, CompiledRuleSet>();

const compile = (ruleSet: RuleSet): CompiledRuleSet => {
  const { procedures, rules } = ruleSet;
  const rulesOf = groupBy(rules, (rule) => rule.procedure);
  const compiled = new Map<string, CompiledProcedure>();
  const ruleById = new Map<string, CompiledRule>();
  const table = new SearchTableBuilder();
  const days = new EpochDays();
  for (const procedure of procedures) {
    const { key, payers = [] } = procedure;
    const own = (rulesOf.get(key) ?? []).map((rule) => new CompiledRule(rule, payers));
    for (const rule of own) ruleById.set(rule.id, rule);
    const made = compileProcedure(procedure, own, keptStretches(ruleSet, key), days);
    compiled.set(key, made.procedure);
    table.addProcedure(key, made.stretches);
  }
  const proceduresOfCode = new Map<string, CompiledProcedure[]>();
  for (const [code, held] of groupBy(rules, (rule) => rule.code)) {
    const keys = new Set(held.map((rule) => rule.procedure));
    proceduresOfCode.set(
      code,
      [...keys].flatMap((key) => compiled.get(key) ?? []),
    );
  }
  return {
    procedures: compiled,
    proceduresOfCode,
    ruleById,
    payers: [...new Set(procedures.flatMap(({ payers }) => payers ?? []))].sort(),
    table: new SearchTable(table),
  };
};

/** The rule set's compiled form, built on first use and shared by every later answer. */
export const compiledOf = (ruleSet: RuleSet): CompiledRuleSet => {
  let compiled = built.get(ruleSet);
  if (!compiled) {
    compiled = compile(ruleSet);
    built.set(ruleSet, compiled);
  }
  return compiled;
};
