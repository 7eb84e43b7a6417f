import type { Procedure, Rule } from "../../core/rule-set.js";
import { limitsInWords } from "./limit-kinds.js";
import { agesPhrase, periodInWords } from "./words.js";

/** A rule set as the page holds it: as stored, or as being edited and not yet validated. */
export interface Content {
  readonly procedures: readonly Procedure[];
  readonly rules: readonly Rule[];
}

export const EMPTY_CONTENT: Content = { procedures: [], rules: [] };

/** A procedure's name, or its key while it has none (a procedure being added). */
export const procedureName = (content: Content, key: string): string =>
  content.procedures.find((procedure) => procedure.key === key)?.name || key;

/**
 * A rule as people tell it from its neighbours: "33951, ages birth through 5 years, from 1 January
 * 2015"; with its other limits where it has them, which tell apart rules that share their ages
 * ("00834, younger than 1 year, born at 37 weeks or later, from 1 January 2003").
 */
export const ruleInWords = (rule: Rule): string =>
  [rule.code, agesPhrase(rule.band), limitsInWords(rule), periodInWords(rule.effective)]
    .filter((part) => part !== "")
    .join(", ");

/**
 * Every key of the rule sets given and the words to say instead (see withWords): rule ids by
 * their code, ages and dates; procedure keys by their names. The first set given wins.
 */
export const keyWords = (...contents: readonly Content[]): Map<string, string> => {
  const words = new Map<string, string>();
  for (const content of [...contents].reverse()) {
    for (const procedure of content.procedures) words.set(procedure.key, procedure.name);
    for (const rule of content.rules) {
      const ages = safely(() => ruleInWords(rule));
      if (ages) words.set(rule.id, `${rule.code} (${ages.slice(rule.code.length + 2)})`);
    }
  }
  return words;
};

/** A rule being typed may be half-formed: say nothing of it rather than fail. */
const safely = (say: () => string): string | undefined => {
  try {
    return say();
  } catch {
    return undefined;
  }
};
