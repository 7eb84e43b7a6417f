import { validateRuleSet } from "../../core/validate.js";
import type { Content } from "../../studio/web/content.js";
import { editableShippedRules } from "../support/rule-sets.js";

/** The shipped rules as the studio's page holds the active version: validated, as it reads them. */
export const shippedContent = (): Content => {
  const validated = validateRuleSet(editableShippedRules());
  if (!validated.ok) throw new Error("the shipped rules do not validate");
  return validated.value;
};

/** A rule of the content by its id, as an edit left it. */
export const ruleIn = (content: Content, id: string) => content.rules.find((r) => r.id === id);

export const ECMO = "ecmo-cannula-insertion-percutaneous";
export const RULE_33951 = `${ECMO}-33951`;
export const RULE_33952 = `${ECMO}-33952`;
