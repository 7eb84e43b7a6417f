import { bandLabel } from "../../core/age-band.js";
import { byBandYoungestFirst } from "../../core/code-order.js";
import type { Rule, RuleSet } from "../../core/rule-set.js";
import { servedText } from "../../core/served-text.js";
import type { RuleVersions, ServedVersion } from "../../core/served-version.js";
import { type Answer, problemAnswer, rulesProblem } from "../../http/answer.js";
import { type Problem, problem } from "../../http/problem.js";

const withActiveVersion = async (
  rules: RuleVersions,
  answer: (served: ServedVersion) => unknown,
  refuse: (served: ServedVersion) => Problem | undefined = () => undefined,
): Promise<Answer> => {
  const loaded = await rules.load();
  if (!loaded.ok) return problemAnswer(rulesProblem(loaded.error));
  const { version, stale } = loaded.value;
  const refusal = refuse(loaded.value);
  if (refusal) return problemAnswer(refusal, { ruleVersion: version, stale });
  return { status: 200, body: answer(loaded.value), ruleVersion: version, stale };
};

/** listProcedures: what a tool needs to build a picker. */
export const answerProcedures = (rules: RuleVersions): Promise<Answer> =>
  withActiveVersion(rules, ({ version, ruleSet }) => ({
    ruleVersion: version,
    procedures: describeProcedures(ruleSet),
  }));

const describeProcedures = (ruleSet: RuleSet) =>
  ruleSet.procedures.map(({ key, name, coverage, retired, payers, notes }) => ({
    key,
    name,
    ...(coverage ? { coverage } : {}),
    ...(retired ? { retired } : {}),
    ...(payers ? { payers } : {}),
    ...(notes ? { notes } : {}),
    rules: ruleSet.rules
      .filter((rule) => rule.procedure === key)
      .sort(inListedOrder)
      .map((rule) => {
        const { id, code, band, gestationalAgeAtBirth, postConceptionAge, effective } = rule;
        const { weightGrams, payers } = rule;
        return {
          ruleId: id,
          code,
          text: servedText(rule),
          band: { label: bandLabel(band), ...band },
          ...(gestationalAgeAtBirth ? { gestationalAgeAtBirth } : {}),
          ...(postConceptionAge ? { postConceptionAge } : {}),
          ...(weightGrams ? { weightGrams } : {}),
          ...(payers ? { payers } : {}),
          effective,
        };
      }),
  }));

const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// As every list of codes; one code's successive rules by date, and its variants by id.
const inListedOrder = (a: Rule, b: Rule): number =>
  byBandYoungestFirst(a, b) ||
  ascending(a.effective.from, b.effective.from) ||
  ascending(a.id, b.id);

/** getActiveVersion: which version is active, since when, and why. */
export const answerRulesInfo = (rules: RuleVersions): Promise<Answer> =>
  withActiveVersion(rules, ({ version, publishedAt, message, actor, ruleSet }) => ({
    version,
    publishedAt,
    message,
    actor,
    ruleCount: ruleSet.rules.length,
  }));

/**
 * getHealth: 200 while a good version can be served (stale or not), 503 otherwise; a version with
 * no rules answers nothing, so it is not good.
 */
export const answerHealth = (rules: RuleVersions): Promise<Answer> =>
  withActiveVersion(
    rules,
    ({ version, stale, ruleSet }) => ({
      status: "ok",
      ruleVersion: version,
      ruleCount: ruleSet.rules.length,
      stale,
    }),
    ({ version, ruleSet }) =>
      ruleSet.rules.length > 0
        ? undefined
        : problem(
            503,
            "rules-unavailable",
            `active rule version ${version} holds no rules: every selection is refused`,
          ),
  );
