import { Logger } from "@aws-lambda-powertools/logger";
import { beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../../../lambda/service.js";
import { type Answer, apiEvent, expectConforms, toAnswer } from "../../support/api.js";
import { shippedRulesService } from "../../support/shipped-service.js";

let service: Service;

beforeAll(async () => {
  service = await shippedRulesService({ logger: new Logger({ logLevel: "WARN" }) });
});

const post = async (path: string, body: Record<string, unknown>): Promise<Answer> => {
  const answer = toAnswer(await service.handle(apiEvent("POST", path, body)));
  expectConforms("POST", path, answer);
  return answer;
};

const laterDay = {
  procedure: "intensive-care-not-critical-subsequent-day",
  dateOfBirth: "2026-11-04",
  dateOfService: "2026-11-24",
};

const sedation = {
  procedure: "moderate-sedation-initial-by-endoscopist-gi-endoscopy",
  dateOfBirth: "2019-01-15",
  dateOfService: "2025-06-01",
};

describe("present weight and payer over HTTP (issue 24's acceptance)", () => {
  it("intensive care on a later day for a 20-day-old: 99478 at 1,400 g, 99479 at 1,500 g", async () => {
    expect(await post("/v1/select", { ...laterDay, weightGrams: 1400 })).toMatchObject({
      status: 200,
      body: { code: "99478" },
    });
    expect(await post("/v1/select", { ...laterDay, weightGrams: 1500 })).toMatchObject({
      status: 200,
      body: { code: "99479" },
    });
  });

  it("without weightGrams: 422 naming it; outside every weight range: 422 listing them", async () => {
    expect(await post("/v1/select", laterDay)).toMatchObject({
      status: 422,
      body: { type: "urn:code-rules:problem:ambiguous-age", decidingInputs: ["weightGrams"] },
    });
    expect(await post("/v1/select", { ...laterDay, weightGrams: 5200 })).toMatchObject({
      status: 422,
      body: {
        type: "urn:code-rules:problem:weight-not-covered",
        codesByWeight: [
          { code: "99478", weight: "under 1,500 g" },
          { code: "99479", weight: "1,500 through 2,500 g" },
          { code: "99480", weight: "2,501 through 5,000 g" },
        ],
      },
    });
  });

  it("refuses a weight that is not a whole number of grams", async () => {
    expect(await post("/v1/select", { ...laterDay, weightGrams: 1400.5 })).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: "weightGrams" })] },
    });
  });

  it("sedation by the endoscopist for a 6-year-old: G0500 for medicare, 99152 for another payer", async () => {
    expect(await post("/v1/select", { ...sedation, payer: "medicare" })).toMatchObject({
      status: 200,
      body: { code: "G0500" },
    });
    expect(await post("/v1/select", { ...sedation, payer: "commercial" })).toMatchObject({
      status: 200,
      body: { code: "99152" },
    });
  });

  it("without payer: 422 naming it; a payer not declared: 400 listing the declared ones", async () => {
    expect(await post("/v1/select", sedation)).toMatchObject({
      status: 422,
      body: { decidingInputs: ["payer"], codes: ["99152", "G0500"] },
    });
    expect(await post("/v1/select", { ...sedation, payer: "acme" })).toMatchObject({
      status: 400,
      body: {
        type: "urn:code-rules:problem:invalid-request",
        errors: [
          {
            field: "payer",
            message:
              'payer "acme" is not declared; give one of commercial, medicaid, medicare, other',
          },
        ],
      },
    });
  });

  it("checks and batches take both inputs", async () => {
    expect(
      await post("/v1/check", { ...sedation, code: "99152", payer: "medicare" }),
    ).toMatchObject({ status: 200, body: { consistent: false, expected: ["G0500"] } });
    const batch = await post("/v1/select/batch", {
      items: [{ ...laterDay, weightGrams: 2501 }, { ...sedation, payer: "medicaid" }, laterDay],
    });
    expect(batch.body.results).toMatchObject([
      { status: 200, selection: { code: "99480" } },
      { status: 200, selection: { code: "99152" } },
      { status: 422, problem: { decidingInputs: ["weightGrams"] } },
    ]);
  });
});
