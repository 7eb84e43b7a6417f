import { describe, expect, it } from "vitest";
import { NODE_RUNTIME } from "../../infra/constructs/node-function.js";

describe("the Node.js the tests run on", () => {
  it("is the major version the functions run on in Lambda", () => {
    const lambdaMajor = /^nodejs(\d+)\.x$/.exec(NODE_RUNTIME.name)?.[1];
    expect(lambdaMajor).toBe("24");
    expect(process.versions.node.split(".")[0]).toBe(lambdaMajor);
  });
});
