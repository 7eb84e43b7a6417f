import { describe, expect, it } from "vitest";
import { createService } from "../../../lambda/service.js";
import { MemoryRuleSource } from "../../../support/memory-rule-source.js";
import { editableShippedRules, withChangedText } from "../../support/rule-sets.js";
import { call, percutaneous, selectFor, servingTwoVersions } from "./support.js";

servingTwoVersions();

describe("POST /v1/select", () => {
  it("answers 33951 the day before the 6th birthday and 33952 on it", async () => {
    const young = await selectFor({
      ...percutaneous,
      dateOfBirth: "2020-11-25",
      dateOfService: "2026-11-24",
    });
    expect(young).toMatchObject({ status: 200, headers: { "content-type": "application/json" } });
    expect(young.body).toEqual({
      code: "33951",
      text: "version two text, birth through 5 years",
      procedure: "ecmo-cannula-insertion-percutaneous",
      dateOfService: "2026-11-24",
      age: { years: 5, months: 11, days: 30 },
      band: "birth through 5 years",
      ruleId: "ecmo-cannula-insertion-percutaneous-33951",
      ruleVersion: 2,
      explanation:
        "5 years old on 2026-11-24 (completed years); 'birth through 5 years' selects 33951",
    });
    expect(
      (await selectFor({ ...percutaneous, dateOfBirth: "2020-11-24", dateOfService: "2026-11-24" }))
        .body.code,
    ).toBe("33952");
  });

  it("moves a 29 February birth on 1 March, and answers 36822 before 2015", async () => {
    expect(
      (await selectFor({ ...percutaneous, dateOfBirth: "2020-02-29", dateOfService: "2026-02-28" }))
        .body.code,
    ).toBe("33951");
    expect(
      (await selectFor({ ...percutaneous, dateOfBirth: "2020-02-29", dateOfService: "2026-03-01" }))
        .body.code,
    ).toBe("33952");
    expect(
      (await selectFor({ ...percutaneous, dateOfBirth: "2010-01-01", dateOfService: "2014-06-01" }))
        .body.code,
    ).toBe("36822");
  });

  it("takes an age instead of a date of birth, and today's UTC date when the date of service is left out", async () => {
    const answer = await selectFor({ ...percutaneous, age: { value: 71, unit: "months" } });
    expect(answer.body).toMatchObject({
      code: "33951",
      age: { years: 5, months: 11 },
      dateOfService: new Date().toISOString().slice(0, 10),
    });
  });

  it("refuses an age that spans a band edge with 422, naming the unit that decides", async () => {
    const answer = await selectFor({
      procedure: "neonatal-pediatric-critical-care-initial-day",
      dateOfService: "2026-11-24",
      age: { value: 0, unit: "years" },
    });
    expect(answer).toMatchObject({
      status: 422,
      headers: { "content-type": "application/problem+json" },
    });
    expect(answer.body).toMatchObject({
      type: "urn:code-rules:problem:ambiguous-age",
      status: 422,
      decidingUnit: "days",
      codes: ["99468", "99471"],
    });
  });

  it("pins a rule version, and refuses one that does not exist", async () => {
    const pinned = await selectFor({
      ...percutaneous,
      dateOfBirth: "2020-11-25",
      dateOfService: "2026-11-24",
      ruleVersion: 1,
    });
    expect(pinned.body).toMatchObject({
      ruleVersion: 1,
      text: expect.stringContaining("Insert ECMO/ECLS"),
    });
    const missing = await selectFor({
      ...percutaneous,
      dateOfBirth: "2020-11-25",
      dateOfService: "2026-11-24",
      ruleVersion: 99,
    });
    expect(missing).toMatchObject({
      status: 404,
      body: {
        type: "urn:code-rules:problem:version-not-found",
        errors: [{ field: "ruleVersion" }],
      },
    });
  });

  it("answers 404 revoked for a revoked version, even pinned", async () => {
    const source = new MemoryRuleSource();
    await source.publish(editableShippedRules(), { actor: "test", message: "shipped" });
    await source.publish(withChangedText("version two text"), { actor: "test", message: "v2" });
    await source.revoke(1, "wrong band for 5-year-olds");
    const { handle } = createService({
      tableName: "in-memory",
      source,
      publicKey: source.publicKey,
      ttlSeconds: 5,
    });
    const request = { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" };
    expect(await call("POST", "/v1/select", { ...request, ruleVersion: 1 }, handle)).toMatchObject({
      status: 404,
      body: {
        type: "urn:code-rules:problem:revoked",
        title: "Rule version revoked",
        detail: "rule version 1 is revoked: wrong band for 5-year-olds",
        errors: [{ field: "ruleVersion" }],
      },
    });
    expect(await call("POST", "/v1/select", request, handle)).toMatchObject({
      status: 200,
      body: { ruleVersion: 2 },
    });
  });

  it("never serves a version whose signature was made by another key", async () => {
    const source = new MemoryRuleSource();
    await source.publish(editableShippedRules(), { actor: "test", message: "shipped" });
    const { handle } = createService({
      tableName: "in-memory",
      source,
      publicKey: new MemoryRuleSource().publicKey,
      ttlSeconds: 5,
    });
    const request = { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" };
    expect(await call("POST", "/v1/select", request, handle)).toMatchObject({
      status: 503,
      body: { type: "urn:code-rules:problem:rules-unavailable" },
    });
  });

  it.each([
    [
      "an impossible date",
      { ...percutaneous, dateOfBirth: "2026-02-30", dateOfService: "2026-11-24" },
      "dateOfBirth",
    ],
    [
      "a malformed date",
      { ...percutaneous, dateOfBirth: "24/11/2020", dateOfService: "2026-11-24" },
      "dateOfBirth",
    ],
    [
      "a date of service before birth",
      { ...percutaneous, dateOfBirth: "2026-11-25", dateOfService: "2026-11-24" },
      "dateOfService",
    ],
    [
      "both a date of birth and an age",
      {
        ...percutaneous,
        dateOfBirth: "2020-01-01",
        age: { value: 1, unit: "years" },
        dateOfService: "2026-11-24",
      },
      "dateOfBirth",
    ],
    [
      "neither a date of birth nor an age",
      { ...percutaneous, dateOfService: "2026-11-24" },
      "dateOfBirth",
    ],
    [
      "a date of birth without a date of service",
      { ...percutaneous, dateOfBirth: "2020-01-01" },
      "dateOfService",
    ],
    ["an age over 150 years", { ...percutaneous, age: { value: 151, unit: "years" } }, "age"],
    ["a fractional age", { ...percutaneous, age: { value: 1.5, unit: "years" } }, "age.value"],
    ["an unknown unit", { ...percutaneous, age: { value: 1, unit: "weeks" } }, "age.unit"],
    [
      "an unknown field",
      { ...percutaneous, dateOfBirth: "2020-01-01", dateOfService: "2026-11-24", dob: "x" },
      "(body)",
    ],
    [
      "a missing procedure",
      { dateOfBirth: "2020-01-01", dateOfService: "2026-11-24" },
      "procedure",
    ],
  ])("refuses %s with 400 and names the field", async (_, body, field) => {
    const answer = await selectFor(body);
    expect(answer).toMatchObject({
      status: 400,
      body: {
        type: "urn:code-rules:problem:invalid-request",
        title: "Request has invalid fields",
        status: 400,
      },
    });
    expect((answer.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
  });

  it("refuses a body that is not JSON with 400", async () => {
    expect(await call("POST", "/v1/select", "{not json")).toMatchObject({
      status: 400,
      body: { type: "urn:code-rules:problem:invalid-json" },
    });
  });

  it("refuses an unknown procedure with 404", async () => {
    const answer = await selectFor({
      procedure: "heart-transplant",
      dateOfBirth: "2020-01-01",
      dateOfService: "2026-11-24",
    });
    expect(answer).toMatchObject({
      status: 404,
      body: { type: "urn:code-rules:problem:unknown-procedure", errors: [{ field: "procedure" }] },
    });
  });

  it("answers 422 when no rule is in effect, and when no band covers the age", async () => {
    expect(
      await selectFor({
        procedure: "ecmo-cannula-removal-open",
        dateOfBirth: "2010-01-01",
        dateOfService: "2014-12-31",
      }),
    ).toMatchObject({
      status: 422,
      body: { type: "urn:code-rules:problem:no-rule-in-effect" },
    });
    expect(
      await selectFor({
        procedure: "neonatal-pediatric-critical-care-initial-day",
        dateOfBirth: "2010-01-01",
        dateOfService: "2026-11-24",
      }),
    ).toMatchObject({
      status: 422,
      body: {
        type: "urn:code-rules:problem:age-not-covered",
        title: "The procedure has no code at this age",
        codesByAge: [
          { code: "99468", band: "birth through 28 days" },
          { code: "99471", band: "29 days through 23 months" },
          { code: "99475", band: "2 through 5 years" },
        ],
      },
    });
  });

  it("refuses a body over 256 KiB with 413", async () => {
    expect(await selectFor({ ...percutaneous, padding: "x".repeat(300 * 1024) })).toMatchObject({
      status: 413,
      body: { type: "urn:code-rules:problem:too-large" },
    });
  });
});
