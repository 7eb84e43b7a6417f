import autocannon from "autocannon";

export interface HttpFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
}

const SELECT_BODY = JSON.stringify({
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfBirth: "2020-11-25",
  dateOfService: "2026-11-24",
});

/** autocannon against POST /v1/select (or the same request to any server), loopback only. */
export const measureHttp = async (url: string, seconds: number): Promise<HttpFigures> => {
  const result = await autocannon({
    url: `${url}/v1/select`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: SELECT_BODY,
    connections: 16,
    duration: seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
};
