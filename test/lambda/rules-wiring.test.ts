import { describe, expect, it } from "vitest";
import { rulesConfigFromEnv } from "../../lambda/rules-wiring.js";
import { FUNCTION_ENV } from "../../lambda/service-names.js";

describe("a function's configuration from its environment", () => {
  const env = { [FUNCTION_ENV.tableName]: "rules", [FUNCTION_ENV.signingPublicKey]: "key" };

  it("names the table and the public key, and keeps versions 5 s unless told otherwise", () => {
    expect(rulesConfigFromEnv(env)).toEqual({
      tableName: "rules",
      publicKey: "key",
      ttlSeconds: 5,
    });
    expect(rulesConfigFromEnv({ ...env, [FUNCTION_ENV.cacheTtlSeconds]: "30" })).toMatchObject({
      ttlSeconds: 30,
    });
  });

  it.each([
    [FUNCTION_ENV.tableName, { ...env, [FUNCTION_ENV.tableName]: "" }],
    [FUNCTION_ENV.signingPublicKey, { ...env, [FUNCTION_ENV.signingPublicKey]: "" }],
    [FUNCTION_ENV.cacheTtlSeconds, { ...env, [FUNCTION_ENV.cacheTtlSeconds]: "soon" }],
    [FUNCTION_ENV.cacheTtlSeconds, { ...env, [FUNCTION_ENV.cacheTtlSeconds]: "-1" }],
  ])("refuses to start, naming %s, when it is missing or wrong", (named, given) => {
    expect(() => rulesConfigFromEnv(given)).toThrow(named);
  });
});
