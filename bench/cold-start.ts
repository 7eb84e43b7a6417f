import { spawnSync } from "node:child_process";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { median } from "./median.js";

const processMs = (script: string, env: Record<string, string>): number => {
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`the init measurement failed: ${run.stderr}`);
  return performance.now() - started;
};

/**
 * Module init of each bundle: a fresh node importing it, minus a fresh node doing nothing, median
 * of `runs`. The processes take turns, so a busy moment of the machine weighs on every bundle
 * alike rather than on whichever was being measured.
 */
export const initMs = (
  files: readonly string[],
  env: Record<string, string>,
  runs = 21,
): number[] => {
  const empty: number[] = [];
  const importing = files.map((): number[] => []);
  for (let i = 0; i < runs; i += 1) {
    empty.push(processMs("", env));
    files.forEach((file, index) => {
      importing[index]?.push(processMs(`await import(${JSON.stringify(file)});`, env));
    });
  }
  return importing.map((times) => median(times) - median(empty));
};

/** What a fresh process is asked first: its environment (the table it reads) and the request. */
export interface FirstRequest {
  readonly env: Record<string, string>;
  readonly event: APIGatewayProxyEventV2;
}

/** The first request of a fresh process: handler call including the first rule load. */
const firstRequestOnce = (file: string, { env, event }: FirstRequest): number => {
  const script = `const { handler } = await import(${JSON.stringify(file)});
const started = performance.now();
const result = await handler(JSON.parse(process.env.BENCH_EVENT));
if (result.statusCode !== 200) throw new Error("first request answered " + result.statusCode + ": " + result.body);
console.log(performance.now() - started);`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { ...process.env, ...env, BENCH_EVENT: JSON.stringify(event) },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`the first request failed: ${run.stderr}`);
  // The time is the last line: anything the handler writes to stdout comes before it.
  return Number(run.stdout.trim().split("\n").at(-1));
};

/**
 * The first request of fresh processes for each of the requests, median of `runs`: the requests
 * take turns, so a busy moment of the machine weighs on each alike.
 */
export const firstRequestMs = (
  file: string,
  requests: readonly FirstRequest[],
  // Fresh processes on this shared machine vary by ±10 ms: seven left the ratio of the limit's
  // first request to the shipped rules' moving between 1.7 and 2.1 from run to run.
  runs = 11,
): number[] => {
  const times = requests.map((): number[] => []);
  for (let i = 0; i < runs; i += 1)
    requests.forEach((request, index) => {
      times[index]?.push(firstRequestOnce(file, request));
    });
  return times.map(median);
};
