import { Logger } from "@aws-lambda-powertools/logger";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../../../lambda/service.js";
import { apiEvent, expectConforms, toAnswer } from "../../support/api.js";
import { nearlyValid } from "../../support/request-bodies.js";
import { shippedRulesService } from "../../support/shipped-service.js";

let service: Service;

beforeAll(async () => {
  service = await shippedRulesService({
    ttlSeconds: 60,
    logger: new Logger({ serviceName: "code-rules", logLevel: "ERROR" }),
  });
});

const asJson = (value: unknown): string => JSON.stringify(value);

/** Request bodies as sent: JSON of near-valid and random shapes, and text that is not JSON at all. */
const body = fc.oneof(
  nearlyValid.map(asJson),
  fc.jsonValue().map(asJson),
  fc
    .record({
      items: fc.array(fc.oneof(nearlyValid, fc.jsonValue({ maxDepth: 1 })), { maxLength: 120 }),
    })
    .map(asJson),
  fc.string(),
);

describe("the API under random request bodies", () => {
  it("answers every body with a 2xx or a problem+json 4xx that matches the contract", async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom("/v1/select", "/v1/select/batch"),
        async (text, path) => {
          const answer = toAnswer(await service.handle(apiEvent("POST", path, text)));
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          expect(
            answer.status === 200 || (answer.status >= 400 && answer.status < 500),
            `status ${answer.status} for ${text.slice(0, 200)}`,
          ).toBe(true);
          if (answer.status >= 400)
            expect(answer.headers["content-type"]).toBe("application/problem+json");
          expectConforms("POST", path, answer);
        },
      ),
      { numRuns: 2_500 },
    );
    expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });
});
