import { beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../../../lambda/service.js";
import { type Answer, apiEvent, expectConforms, toAnswer } from "../../support/api.js";
import { shippedRulesService } from "../../support/shipped-service.js";

let service: Service;

const post = async (path: string, body: unknown): Promise<Answer> => {
  const answer = toAnswer(await service.handle(apiEvent("POST", path, body)));
  expectConforms("POST", path, answer);
  return answer;
};

const check = (body: Record<string, unknown>) => post("/v1/check", body);

const claim = { code: "33952", dateOfService: "2026-11-24" };

beforeAll(async () => {
  service = await shippedRulesService();
});

describe("POST /v1/check", () => {
  it("finds 33952 inconsistent the day before the 6th birthday, expecting 33951, and consistent on it", async () => {
    const young = await check({ ...claim, dateOfBirth: "2020-11-25" });
    expect(young.status).toBe(200);
    expect(young.body).toMatchObject({
      code: "33952",
      consistent: false,
      expected: ["33951"],
      procedure: "ecmo-cannula-insertion-percutaneous",
      ruleVersion: 1,
      explanation:
        "33952 is not consistent with the age: 5 years old on 2026-11-24 (completed years); 'birth through 5 years' selects 33951",
    });
    expect(young.body.selections).toEqual([
      expect.objectContaining({
        code: "33951",
        ruleId: "ecmo-cannula-insertion-percutaneous-33951",
      }),
    ]);
    const sixth = await check({ ...claim, dateOfBirth: "2020-11-24" });
    expect(sixth.body).toMatchObject({ consistent: true, expected: ["33952"] });
  });

  it("answers for every procedure of a code when none is named, and for the one named", async () => {
    const both = await check({
      code: "33960",
      dateOfBirth: "1980-01-01",
      dateOfService: "2026-11-24",
    });
    expect(both.body).toMatchObject({ consistent: false, expected: ["33946", "33947"] });
    expect(both.body).not.toHaveProperty("procedure");
    const named = await check({
      code: "33960",
      procedure: "ecmo-initiation-va",
      dateOfBirth: "1980-01-01",
      dateOfService: "2014-06-01",
    });
    expect(named.body).toMatchObject({ consistent: true, procedure: "ecmo-initiation-va" });
  });

  it("takes an age instead of a date of birth, and refuses one ambiguous at a band edge with 422", async () => {
    const byAge = await check({ ...claim, age: { value: 6, unit: "years" } });
    expect(byAge.body).toMatchObject({ consistent: true });
    const edge = await check({ code: "99468", age: { value: 0, unit: "years" } });
    expect(edge).toMatchObject({
      status: 422,
      body: { type: "urn:code-rules:problem:ambiguous-age", decidingUnit: "days" },
    });
  });

  it("refuses an unknown code with 404, a malformed one and a body with both ages with 400", async () => {
    expect(await check({ ...claim, code: "99999", dateOfBirth: "2020-11-25" })).toMatchObject({
      status: 404,
      body: { type: "urn:code-rules:problem:unknown-code", errors: [{ field: "code" }] },
    });
    const malformed = await check({ ...claim, code: "3395", dateOfBirth: "2020-11-25" });
    expect(malformed).toMatchObject({ status: 400, body: { errors: [{ field: "code" }] } });
    const both = await check({
      ...claim,
      dateOfBirth: "2020-11-25",
      age: { value: 5, unit: "years" },
    });
    expect(both).toMatchObject({
      status: 400,
      body: {
        errors: [
          { field: "dateOfBirth", message: "dateOfBirth: give exactly one of dateOfBirth or age" },
        ],
      },
    });
  });
});

describe("POST /v1/check/batch", () => {
  it("answers each item on its own, in order", async () => {
    const answer = await post("/v1/check/batch", {
      items: [
        { ...claim, dateOfBirth: "2020-11-25" },
        { ...claim, code: "99999", dateOfBirth: "2020-11-25" },
        "not a request",
        { ...claim, dateOfBirth: "2020-11-24" },
      ],
    });
    expect(answer.status).toBe(200);
    const results = answer.body.results as { status: number; check?: { consistent: boolean } }[];
    expect(results.map((result) => result.status)).toEqual([200, 404, 400, 200]);
    expect(results.map((result) => result.check?.consistent)).toEqual([
      false,
      undefined,
      undefined,
      true,
    ]);
  });

  it("refuses more than 100 items with 413", async () => {
    const items = Array.from({ length: 101 }, () => ({ ...claim, dateOfBirth: "2020-11-25" }));
    expect(await post("/v1/check/batch", { items })).toMatchObject({ status: 413 });
  });
});
