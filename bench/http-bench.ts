import autocannon from "autocannon";
import { ROUTES } from "../http/routes.js";

export interface HttpFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
}

export const SELECT_BODY = JSON.stringify({
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfBirth: "2020-11-25",
  dateOfService: "2026-11-24",
});

/** One selectCode request of the benchmark's request, answered as text. */
export const selectOnce = async (url: string): Promise<string> => {
  const response = await fetch(`${url}${ROUTES.selectCode.path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: SELECT_BODY,
  });
  return response.text();
};

/** autocannon against the selectCode route (or the same request to any server), loopback only. */
export const measureHttp = async (url: string, seconds: number): Promise<HttpFigures> => {
  // autocannon's histogram keeps whole milliseconds, and on loopback most answers take less than
  // one; each response's own time, kept here, gives percentiles to the microsecond.
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}${ROUTES.selectCode.path}`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: SELECT_BODY,
        connections: 16,
        duration: seconds,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    non2xx: result.non2xx + result.errors,
  };
};

const percentile = (sorted: readonly number[], fraction: number): number =>
  Math.round((sorted[Math.floor(fraction * (sorted.length - 1))] ?? Number.NaN) * 1000) / 1000;
