import { Logger } from "@aws-lambda-powertools/logger";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApi } from "../../../lambda/api/app.js";
import { MetricBuffer } from "../../../lambda/metric-buffer.js";
import { powertoolsTelemetry } from "../../../lambda/powertools-telemetry.js";
import { createService, type Service } from "../../../lambda/service.js";
import { MemoryRuleSource } from "../../../support/memory-rule-source.js";
import { type Answer, apiEvent, expectConforms, toAnswer } from "../../support/api.js";
import { countingSource } from "../../support/counting-source.js";
import { shippedRules, withChangedText } from "../../support/rule-sets.js";

let service: Service;

const call = async (
  method: string,
  path: string,
  body?: unknown,
  handle = service.handle,
): Promise<Answer> => {
  const answer = toAnswer(await handle(apiEvent(method, path, body)));
  expectConforms(method, path, answer);
  return answer;
};

const selectFor = (body: Record<string, unknown>) => call("POST", "/v1/select", body);

const percutaneous = { procedure: "ecmo-cannula-insertion-percutaneous" };

beforeAll(async () => {
  const source = new MemoryRuleSource();
  await source.publish(shippedRules(), { actor: "test", message: "shipped" });
  await source.publish(withChangedText("version two text"), { actor: "test", message: "v2" });
  service = createService({
    tableName: "in-memory",
    source,
    publicKey: source.publicKey,
    ttlSeconds: 5,
    logger: new Logger({ serviceName: "code-rules", logLevel: "INFO" }),
  });
});

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
      text: "version two text",
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
    await source.publish(shippedRules(), { actor: "test", message: "shipped" });
    await source.publish(withChangedText("version two text"), { actor: "test", message: "v2" });
    source.revoke(1, "wrong band for 5-year-olds");
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
    await source.publish(shippedRules(), { actor: "test", message: "shipped" });
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

describe("POST /v1/select/batch", () => {
  it("answers each item on its own, in order", async () => {
    const answer = await call("POST", "/v1/select/batch", {
      items: [
        { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" },
        { ...percutaneous, dateOfBirth: "2026-02-30", dateOfService: "2026-11-24" },
        "not a request",
        {
          procedure: "neonatal-pediatric-critical-care-initial-day",
          dateOfService: "2026-11-24",
          age: { value: 0, unit: "years" },
        },
        { ...percutaneous, dateOfBirth: "2020-11-24", dateOfService: "2026-11-24", ruleVersion: 1 },
      ],
    });
    expect(answer.status).toBe(200);
    const results = answer.body.results as {
      status: number;
      selection?: { code: string; ruleVersion: number };
      problem?: { type: string };
    }[];
    expect(results.map((r) => r.status)).toEqual([200, 400, 400, 422, 200]);
    expect(results[0]?.selection?.code).toBe("33951");
    expect(results[3]?.problem?.type).toBe("urn:code-rules:problem:ambiguous-age");
    expect(results[4]?.selection).toMatchObject({ code: "33952", ruleVersion: 1 });
  });

  it("refuses more than 100 items with 413, and an empty batch with 400", async () => {
    const item = { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" };
    expect(
      (await call("POST", "/v1/select/batch", { items: Array.from({ length: 100 }, () => item) }))
        .status,
    ).toBe(200);
    expect(
      await call("POST", "/v1/select/batch", { items: Array.from({ length: 101 }, () => item) }),
    ).toMatchObject({ status: 413 });
    expect(await call("POST", "/v1/select/batch", { items: [] })).toMatchObject({ status: 400 });
  });
});

describe("the read routes", () => {
  it("lists the active version's procedures with bands, codes, texts and effective periods", async () => {
    const answer = await call("GET", "/v1/procedures");
    expect(answer.body.ruleVersion).toBe(2);
    const procedures = answer.body.procedures as {
      key: string;
      rules: { code: string; effective: { from: string } }[];
    }[];
    expect(procedures).toHaveLength(shippedRules().procedures.length);
    const percutaneousRules = procedures.find(
      (p) => p.key === "ecmo-cannula-insertion-percutaneous",
    )?.rules;
    expect(percutaneousRules?.map((r) => r.code).sort()).toEqual(["33951", "33952", "36822"]);
  });

  it("tells the active version, its publish time and message", async () => {
    expect((await call("GET", "/v1/rules")).body).toMatchObject({
      version: 2,
      message: "v2",
      actor: "test",
      ruleCount: shippedRules().rules.length,
      publishedAt: expect.stringMatching(/^2\d{3}-/),
    });
  });

  it("reports health 200 with the version served", async () => {
    expect(await call("GET", "/health")).toMatchObject({
      status: 200,
      body: { status: "ok", ruleVersion: 2, ruleCount: shippedRules().rules.length, stale: false },
    });
  });

  it("serves its OpenAPI 3.1 document", async () => {
    expect((await call("GET", "/openapi.json")).body).toMatchObject({
      openapi: "3.1.0",
      paths: { "/v1/select": {} },
    });
  });

  it("answers 404 for an unknown route and 405 for a wrong method", async () => {
    expect(await call("GET", "/v2/select")).toMatchObject({
      status: 404,
      body: { type: "urn:code-rules:problem:not-found" },
    });
    expect(await call("GET", "/v1/select")).toMatchObject({
      status: 405,
      headers: { allow: "POST" },
    });
  });
});

describe("with no rule version published", () => {
  it("answers 503 with Retry-After on every selection, and health 503", async () => {
    const none = new MemoryRuleSource();
    const empty = createService({
      tableName: "in-memory",
      source: none,
      publicKey: none.publicKey,
      ttlSeconds: 5,
    });
    const select = await call(
      "POST",
      "/v1/select",
      { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" },
      empty.handle,
    );
    expect(select).toMatchObject({
      status: 503,
      headers: { "retry-after": "5" },
      body: { type: "urn:code-rules:problem:rules-unavailable" },
    });
    expect(await call("GET", "/health", undefined, empty.handle)).toMatchObject({
      status: 503,
      headers: { "retry-after": "5" },
    });
  });
});

describe("with an active version that holds no rules", () => {
  it("reports health 503, naming the empty version", async () => {
    const source = new MemoryRuleSource();
    await source.publish({ procedures: [], rules: [] }, { actor: "test", message: "empty" });
    const empty = createService({
      tableName: "in-memory",
      source,
      ttlSeconds: 5,
      publicKey: source.publicKey,
    });
    expect(await call("GET", "/health", undefined, empty.handle)).toMatchObject({
      status: 503,
      body: { detail: "active rule version 1 holds no rules: every selection is refused" },
    });
  });
});

describe("after a publish", () => {
  it("reads the new version once for the first batch of 100, whether its items pin it or not", async () => {
    const source = new MemoryRuleSource();
    await source.publish(shippedRules(), { actor: "test", message: "v1" });
    const counting = countingSource(source);
    // A TTL of 0: the pointer is read on every request, so the batch after the publish sees it.
    const served = createService({
      tableName: "in-memory",
      source: counting.source,
      ttlSeconds: 0,
      publicKey: source.publicKey,
    });
    const item = { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" };
    await call("POST", "/v1/select", item, served.handle);
    await source.publish(withChangedText("v2 text"), { actor: "test", message: "v2" });

    const batch = await call(
      "POST",
      "/v1/select/batch",
      {
        items: Array.from({ length: 100 }, (_, i) => (i % 2 ? item : { ...item, ruleVersion: 2 })),
      },
      served.handle,
    );
    expect(batch.status).toBe(200);
    expect(
      (batch.body.results as { selection: { text: string } }[]).every(
        (result) => result.selection.text === "v2 text",
      ),
    ).toBe(true);
    expect(counting.reads.content).toEqual(
      new Map([
        [1, 1],
        [2, 1],
      ]),
    );
  });
});

describe("when the rules store cannot be reached", () => {
  const storeErrors = [
    Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8300"), { name: "Error" }),
    Object.assign(new Error("Requested resource not found"), {
      name: "ResourceNotFoundException",
    }),
    Object.assign(
      new Error(
        "User: arn:aws:sts::123456789012:assumed-role/code-rules/fn is not authorized to perform: dynamodb:Query on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/rules",
      ),
      { name: "AccessDeniedException" },
    ),
  ];
  const internals =
    /ECONNREFUSED|8300|ResourceNotFound|Requested resource|AccessDenied|arn:aws|123456789012/;
  const item = { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" };

  const downService = async (error: Error) => {
    const source = new MemoryRuleSource();
    await source.publish(shippedRules(), { actor: "test", message: "shipped" });
    const counting = countingSource(source);
    counting.fail(error);
    return createService({
      tableName: "in-memory",
      source: counting.source,
      ttlSeconds: 5,
      publicKey: source.publicKey,
    });
  };

  it.each(storeErrors)(
    "answers a batch whose every item meets the outage 503, and no problem carries the store's text ($name)",
    async (error) => {
      const down = await downService(error);
      const batch = await call(
        "POST",
        "/v1/select/batch",
        { items: Array.from({ length: 100 }, (_, i) => ({ ...item, ruleVersion: (i % 3) + 1 })) },
        down.handle,
      );
      expect(batch).toMatchObject({
        status: 503,
        headers: { "retry-after": "5" },
        body: {
          type: "urn:code-rules:problem:rules-unavailable",
          detail: "none of the 100 items could be answered: no good rule version can be served",
        },
      });
      const answers = [
        batch,
        await call("POST", "/v1/select", item, down.handle),
        await call("POST", "/v1/select", { ...item, ruleVersion: 1 }, down.handle),
        await call("POST", "/v1/select/batch", { items: [item] }, down.handle),
        await call("GET", "/health", undefined, down.handle),
        await call("GET", "/v1/rules", undefined, down.handle),
        await call("GET", "/v1/procedures", undefined, down.handle),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(JSON.stringify(answer.body)).not.toMatch(internals);
      }
    },
  );

  it("answers 200 for a batch in which some items are answered, each failed item a 503 of its own", async () => {
    const down = await downService(storeErrors[0] as Error);
    const batch = await call(
      "POST",
      "/v1/select/batch",
      { items: [item, { procedure: "x" }] },
      down.handle,
    );
    expect(batch).toMatchObject({
      status: 200,
      body: { results: [{ status: 503 }, { status: 400 }] },
    });
  });
});

describe("logs", () => {
  const written: string[] = [];
  const capture = () => {
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
    }
  };
  afterEach(() => {
    vi.restoreAllMocks();
    written.length = 0;
  });

  it("never carry a date of birth or a request body, and do carry the request id, procedure, code, version and latency", async () => {
    capture();
    const dateOfBirth = "2020-11-25";
    await selectFor({ ...percutaneous, dateOfBirth, dateOfService: "2026-11-24" });
    await selectFor({ ...percutaneous, dateOfBirth: "2019-07-13", dateOfService: "2012-01-01" });
    await selectFor({ procedure: `born ${dateOfBirth}`, dateOfBirth, dateOfService: "2026-11-24" });
    await call("POST", "/v1/select/batch", {
      items: [{ ...percutaneous, dateOfBirth, dateOfService: "2026-11-24" }],
    });
    await call("POST", "/v1/select", `{"dateOfBirth":"${dateOfBirth}"`);
    vi.restoreAllMocks();
    const log = written.join("");
    expect(log).not.toContain(dateOfBirth);
    expect(log).not.toContain("2019-07-13");
    const line = JSON.parse(written.find((w) => w.includes('"codes":{"33951":1}')) ?? "{}");
    expect(line).toMatchObject({
      message: "request served",
      requestId: expect.any(String),
      route: "/v1/select",
      status: 200,
      ruleVersion: 2,
      latencyMs: expect.any(Number),
      procedures: { "ecmo-cannula-insertion-percutaneous": 1 },
      codes: { "33951": 1 },
      refusals: {},
    });
  });

  it("answer a bug with 500 and the request id, logged without the body", async () => {
    capture();
    const broken = createApi({
      rules: { load: () => Promise.reject(new Error("the store exploded")) },
      telemetry: powertoolsTelemetry(
        new Logger({ serviceName: "code-rules" }),
        new MetricBuffer({ namespace: "CodeRules", serviceName: "code-rules" }),
      ),
      today: () => "2026-11-24",
      now: () => 0,
    });
    const answer = await call(
      "POST",
      "/v1/select",
      { ...percutaneous, dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" },
      broken,
    );
    vi.restoreAllMocks();
    expect(answer).toMatchObject({
      status: 500,
      headers: { "x-content-type-options": "nosniff" },
      body: {
        type: "urn:code-rules:problem:internal",
        detail: expect.stringMatching(/request id request-\d+/),
      },
    });
    const log = written.join("");
    expect(log).toContain("the store exploded");
    expect(log).not.toContain("2020-11-25");
  });
});
