import { Logger } from "@aws-lambda-powertools/logger";
import { beforeAll } from "vitest";
import { createService, type Service, type ServiceHandler } from "../../../lambda/service.js";
import { MemoryRuleSource } from "../../../support/memory-rule-source.js";
import { type Answer, apiEvent, expectConforms, toAnswer } from "../../support/api.js";
import { editableShippedRules, withChangedText } from "../../support/rule-sets.js";

let service: Service | undefined;

/**
 * Serves, for the calling test file, the shipped rules as version 1 and a copy with other text as
 * version 2 (the active one), from memory; `call` and `selectFor` ask it unless told otherwise.
 */
export const servingTwoVersions = (): void => {
  beforeAll(async () => {
    const source = new MemoryRuleSource();
    await source.publish(editableShippedRules(), { actor: "test", message: "shipped" });
    await source.publish(withChangedText("version two text"), { actor: "test", message: "v2" });
    service = createService({
      tableName: "in-memory",
      source,
      publicKey: source.publicKey,
      ttlSeconds: 5,
      logger: new Logger({ serviceName: "code-rules", logLevel: "INFO" }),
    });
  });
};

const served = (): ServiceHandler => {
  if (!service) throw new Error("call servingTwoVersions() in the test file first");
  return service.handle;
};

/** Asks the API, as API Gateway would, and checks the answer against the OpenAPI document. */
export const call = async (
  method: string,
  path: string,
  body?: unknown,
  handle: ServiceHandler = served(),
): Promise<Answer> => {
  const answer = toAnswer(await handle(apiEvent(method, path, body)));
  expectConforms(method, path, answer);
  return answer;
};

export const selectFor = (body: Record<string, unknown>) => call("POST", "/v1/select", body);

export const percutaneous = { procedure: "ecmo-cannula-insertion-percutaneous" };
