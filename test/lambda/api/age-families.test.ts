import { Logger } from "@aws-lambda-powertools/logger";
import { beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../../../lambda/service.js";
import { type Answer, apiEvent, expectConforms, toAnswer } from "../../support/api.js";
import { shippedRulesService } from "../../support/shipped-service.js";

let service: Service;

beforeAll(async () => {
  service = await shippedRulesService({ logger: new Logger({ logLevel: "WARN" }) });
});

const select = async (body: Record<string, unknown>): Promise<Answer> => {
  const answer = toAnswer(await service.handle(apiEvent("POST", "/v1/select", body)));
  expectConforms("POST", "/v1/select", answer);
  return answer;
};

const codeOf = async (body: Record<string, unknown>) => (await select(body)).body.code;

describe("POST /v1/select on the shipped age-split families (the issue's acceptance)", () => {
  it("moderate sedation by the proceduralist, born 2020-03-10: 99151 on 2025-03-09, 99152 on 2025-03-10", async () => {
    const sedation = {
      procedure: "moderate-sedation-initial-by-proceduralist",
      dateOfBirth: "2020-03-10",
    };
    expect(await codeOf({ ...sedation, dateOfService: "2025-03-09" })).toBe("99151");
    expect(await codeOf({ ...sedation, dateOfService: "2025-03-10" })).toBe("99152");
  });

  it("a new patient's preventive visit, born 1961-02-28: 99386 on 2026-02-27, 99387 on 2026-02-28", async () => {
    const visit = { procedure: "preventive-visit-new-patient", dateOfBirth: "1961-02-28" };
    expect(await codeOf({ ...visit, dateOfService: "2026-02-27" })).toBe("99386");
    expect(await codeOf({ ...visit, dateOfService: "2026-02-28" })).toBe("99387");
  });

  it("circumcision by excision, born 2026-10-01: 54160 on 2026-10-29, 54161 on 2026-10-30", async () => {
    const circumcision = { procedure: "circumcision-surgical-excision", dateOfBirth: "2026-10-01" };
    expect(await codeOf({ ...circumcision, dateOfService: "2026-10-29" })).toBe("54160");
    expect(await codeOf({ ...circumcision, dateOfService: "2026-10-30" })).toBe("54161");
  });

  const hernia = {
    procedure: "inguinal-hernia-repair-initial-reducible",
    dateOfBirth: "2026-09-01",
    dateOfService: "2026-10-13",
  };

  it("a reducible inguinal hernia, born 2026-09-01 at 32 weeks: 49491 on 2026-10-13", async () => {
    const answer = await select({ ...hernia, gestationalAgeAtBirth: { weeks: 32, days: 0 } });
    expect(answer).toMatchObject({ status: 200, body: { code: "49491" } });
    expect(answer.body.explanation).toContain(
      "born at 32 weeks 0 days, 38 weeks 0 days after conception",
    );
  });

  it("the same repair without gestationalAgeAtBirth: 422 naming it as the deciding input", async () => {
    expect(await select(hernia)).toMatchObject({
      status: 422,
      body: {
        type: "urn:code-rules:problem:ambiguous-age",
        title: "The age given leaves the code open",
        decidingInputs: ["gestationalAgeAtBirth"],
        codes: ["49491", "49495"],
      },
    });
  });

  it("refuses a gestational age outside 22+0 to 44+6 as an invalid field", async () => {
    const answer = await select({ ...hernia, gestationalAgeAtBirth: { weeks: 21, days: 6 } });
    expect(answer).toMatchObject({
      status: 400,
      body: { errors: [{ field: "gestationalAgeAtBirth.weeks" }] },
    });
    expect(
      await select({ ...hernia, gestationalAgeAtBirth: { weeks: 32, days: 7 } }),
    ).toMatchObject({
      status: 400,
    });
  });

  it("answers a transport past 24 months as not applicable, listing the codes by age", async () => {
    expect(
      await select({
        procedure: "critical-care-transport-face-to-face-first-period",
        dateOfBirth: "2024-01-31",
        dateOfService: "2026-03-01",
      }),
    ).toMatchObject({
      status: 422,
      body: {
        type: "urn:code-rules:problem:age-not-covered",
        codesByAge: [{ code: "99466", band: "birth through 24 months" }],
      },
    });
  });
});
