import { ZenEngine } from "@gorules/zen-engine";
import type { Condition, Facts, NumericFact, RuleConditions } from "./peer-conditions.js";

/*
 * GoRules' zen-engine (a Rust rules engine for Node) given the rules as one JDM decision table
 * with the "first" hit policy: a row per rule in rule-set order, a column per fact, each cell a
 * ZEN unary expression ("[2191..2557)", ">= 6"), an empty cell matching anything.
 */

const FACTS: readonly (keyof Facts)[] = [
  "procedure",
  "serviceDay",
  "days",
  "months",
  "years",
  "atBirth",
  "sinceConception",
];

/** The conditions a rule puts on one fact, as one unary expression. */
const cell = (conditions: readonly Condition[], fact: NumericFact): string => {
  const on = conditions.filter((condition) => condition.fact === fact);
  const parts = on.map(({ min, below }) =>
    min !== undefined && below !== undefined
      ? `$ >= ${min} and $ < ${below}`
      : min !== undefined
        ? `$ >= ${min}`
        : `$ < ${below}`,
  );
  return parts.join(" and ");
};

const row = (rule: RuleConditions): Record<string, string> => ({
  _id: rule.ruleId,
  procedure: JSON.stringify(rule.procedure),
  ...Object.fromEntries(
    FACTS.filter((fact) => fact !== "procedure").map((fact) => [
      fact,
      cell(rule.conditions, fact as NumericFact),
    ]),
  ),
  ruleId: JSON.stringify(rule.ruleId),
});

/** The rules as a JDM graph: the request, the first-hit table, the response. */
export const decisionTable = (rules: readonly RuleConditions[]) => ({
  nodes: [
    { id: "request", type: "inputNode", name: "Request", position: { x: 0, y: 0 } },
    {
      id: "codes",
      type: "decisionTableNode",
      name: "Codes by age",
      position: { x: 300, y: 0 },
      content: {
        hitPolicy: "first",
        inputs: FACTS.map((fact) => ({ id: fact, name: fact, field: fact })),
        outputs: [{ id: "ruleId", name: "Rule", field: "ruleId" }],
        rules: rules.map(row),
      },
    },
    { id: "response", type: "outputNode", name: "Response", position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: "in", type: "edge", sourceId: "request", targetId: "codes" },
    { id: "out", type: "edge", sourceId: "codes", targetId: "response" },
  ],
});

/** A zen-engine decision over the rules: the id of the rule it picks for the facts, if any. */
export const zenPeer = (rules: readonly RuleConditions[]) => {
  const engine = new ZenEngine();
  const decision = engine.createDecision(decisionTable(rules));
  return {
    answer: async (facts: Facts): Promise<string | undefined> => {
      const { result } = await decision.evaluate(facts);
      const ruleId = (result as { ruleId?: unknown }).ruleId;
      return typeof ruleId === "string" ? ruleId : undefined;
    },
    dispose: () => engine.dispose(),
  };
};
