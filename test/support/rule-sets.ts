import { readShippedRules } from "../core/support/shipped-rules.js";

export interface EditableRuleSet {
  procedures: Record<string, unknown>[];
  rules: Record<string, unknown>[];
}

/** A fresh, editable copy of the shipped rules. */
export const editableShippedRules = (): EditableRuleSet => readShippedRules() as EditableRuleSet;

/** The shipped rules with one rule's code text changed: a small, valid new version. */
export const withChangedText = (
  text: string,
  ruleId = "ecmo-cannula-insertion-percutaneous-33951",
): EditableRuleSet => {
  const ruleSet = editableShippedRules();
  const rule = ruleSet.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  rule.text = text;
  return ruleSet;
};

/**
 * The shipped rules with one rule's text changed from 2099 on (the rule ends the day before and a
 * copy with the new text starts): a change to no date of service already past, whatever day the
 * tests run.
 */
export const withFutureText = (
  text: string,
  ruleId = "ecmo-cannula-insertion-percutaneous-33951",
  ruleSet: EditableRuleSet = editableShippedRules(),
): EditableRuleSet => {
  const rule = ruleSet.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const effective = rule.effective as { from: string; to?: string };
  rule.effective = { ...effective, to: "2098-12-31" };
  ruleSet.rules.push({ ...rule, id: `${ruleId}-2099`, text, effective: { from: "2099-01-01" } });
  return ruleSet;
};
