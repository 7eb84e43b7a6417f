import { Logger } from "@aws-lambda-powertools/logger";
import type { Context } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ROUTES } from "../../../http/routes.js";
import { createService, type Service } from "../../../lambda/service.js";
import { MemoryRuleSource } from "../../../support/memory-rule-source.js";
import { apiEvent } from "../../support/api.js";
import { shippedRulesService } from "../../support/shipped-service.js";
import { stdoutLines } from "../../support/stdout-lines.js";

const isEmf = (line: Record<string, unknown>) => "_aws" in line;

const lambdaContext = {
  functionName: "code-rules-selection",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:code-rules-selection",
  memoryLimitInMB: "512",
  awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678",
} as Context;

const ages = ["2025-06-01", "2022-06-01", "2010-06-01"]; // 33951, 33951, 33952
const batchOf = (count: number, procedure = "ecmo-cannula-insertion-percutaneous") => ({
  items: Array.from({ length: count }, (_, i) => ({
    procedure,
    dateOfBirth: ages[i % ages.length],
    dateOfService: "2026-11-24",
  })),
});

let service: Service;

beforeEach(async () => {
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
  vi.stubEnv("POWERTOOLS_DEV", "false");
  service = await shippedRulesService({
    ttlSeconds: 60,
    logger: new Logger({ serviceName: "code-rules", logLevel: "INFO" }),
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("telemetry per invocation", () => {
  it("writes one EMF document per set of dimensions, not one per selection or per code", async () => {
    await service.handle(apiEvent("GET", ROUTES.getHealth.path)); // the first rule load, apart
    const mixed = {
      items: [
        ...batchOf(99).items,
        { procedure: "ecmo-cannula-insertion-percutaneous", dateOfBirth: "2020-01-01" },
      ],
    };
    const lines = await stdoutLines(() =>
      service.handle(apiEvent("POST", ROUTES.selectCodes.path, mixed), lambdaContext),
    );
    const documents = lines.filter(isEmf);
    // Selections over both codes in one, Refusals by Kind for the invalid item in another.
    expect(documents.map((d) => [d.Kind, d.Selections ?? d.Refusals])).toEqual(
      expect.arrayContaining([
        [undefined, 99],
        ["invalid-request", 1],
      ]),
    );
    expect(documents).toHaveLength(2);
    expect(lines.find((line) => line.message === "request served")).toMatchObject({
      codes: { "33951": 66, "33952": 33 },
      refusals: { "invalid-request": 1 },
    });
  });

  it("counts the selections the rules refuse beside the answered ones, in the same document, for the refusal-spike alarm", async () => {
    await service.handle(apiEvent("GET", ROUTES.getHealth.path));
    const batch = {
      items: [
        ...batchOf(3).items,
        { procedure: "no-such-procedure", dateOfBirth: "2020-01-01", dateOfService: "2026-11-24" },
        {
          procedure: "neonatal-pediatric-critical-care-initial-day",
          age: { value: 0, unit: "years" }, // the 28-day edge decides
          dateOfService: "2026-11-24",
        },
        {
          procedure: "intensive-care-not-critical-subsequent-day",
          dateOfBirth: "2026-11-04",
          dateOfService: "2026-11-24",
          weightGrams: 6_000, // heavier than every weight range
        },
      ],
    };
    const lines = await stdoutLines(() =>
      service.handle(apiEvent("POST", ROUTES.selectCodes.path, batch), lambdaContext),
    );
    const plain = lines.filter(isEmf).find((d) => d.Kind === undefined);
    expect(plain).toMatchObject({ Selections: 3, RuleRefusals: 3 });
  });

  it("counts every selection left unanswered for want of rules, batch items included", async () => {
    const lines = await stdoutLines(() =>
      service.handle(
        apiEvent("POST", ROUTES.selectCodes.path, {
          items: [...batchOf(2).items, { ...batchOf(1).items[0], ruleVersion: 99 }],
        }),
        lambdaContext,
      ),
    );
    expect(lines.filter(isEmf).find((d) => d.Kind === "version-not-found")).toMatchObject({
      Refusals: 1,
    });
    const down = createService({
      tableName: "in-memory",
      source: {
        activePointer: () => Promise.reject(new Error("down")),
        listVersions: () => Promise.reject(new Error("down")),
        versionContent: () => Promise.reject(new Error("down")),
      },
      publicKey: new MemoryRuleSource().publicKey,
      ttlSeconds: 60,
      logger: new Logger({ serviceName: "code-rules", logLevel: "INFO" }),
    });
    const outage = await stdoutLines(() =>
      down.handle(apiEvent("POST", ROUTES.selectCodes.path, batchOf(100)), lambdaContext),
    );
    const plain = outage.filter(isEmf).find((d) => d.Kind === undefined);
    expect(plain).toMatchObject({ UnavailableSelections: 100, RuleLoadFailures: 1 });
  });

  it("flushes at the end of each invocation, so none carries the last one's counts", async () => {
    await service.handle(apiEvent("POST", ROUTES.selectCodes.path, batchOf(3)), lambdaContext);
    const lines = await stdoutLines(() =>
      service.handle(apiEvent("POST", ROUTES.selectCodes.path, batchOf(1)), lambdaContext),
    );
    expect(lines.filter(isEmf).map((d) => d.Selections)).toEqual([1]);
  });

  it("logs with the Lambda context: the function's request id and the cold start flag", async () => {
    const lines = await stdoutLines(() =>
      service.handle(apiEvent("POST", ROUTES.selectCodes.path, batchOf(2)), lambdaContext),
    );
    const served = lines.find((line) => line.message === "request served");
    expect(served).toMatchObject({
      function_request_id: lambdaContext.awsRequestId,
      function_name: lambdaContext.functionName,
      cold_start: expect.any(Boolean),
    });
  });
});
