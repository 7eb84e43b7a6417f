import type { RulesConfig } from "../../lambda/rules-wiring.js";
import { createService, type Service } from "../../lambda/service.js";
import { MemoryRuleSource } from "../../support/memory-rule-source.js";
import { editableShippedRules } from "./rule-sets.js";

/** The service on an in-memory rule source holding the shipped rules as version 1. */
export const shippedRulesService = async (
  options: Partial<Pick<RulesConfig, "ttlSeconds" | "logger">> = {},
): Promise<Service> => {
  const source = new MemoryRuleSource();
  await source.publish(editableShippedRules(), { actor: "test", message: "shipped" });
  return createService({
    tableName: "in-memory",
    source,
    publicKey: source.publicKey,
    ttlSeconds: 5,
    ...options,
  });
};
