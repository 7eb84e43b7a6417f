import { Logger } from "@aws-lambda-powertools/logger";
import { afterEach, describe, expect, it, vi } from "vitest";
import { selectionApi } from "../../../lambda/api/answers.js";
import { MetricBuffer } from "../../../lambda/metric-buffer.js";
import { powertoolsTelemetry } from "../../../lambda/powertools-telemetry.js";
import { call, percutaneous, selectFor, servingTwoVersions } from "./support.js";

servingTwoVersions();

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
    const broken = selectionApi({
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
