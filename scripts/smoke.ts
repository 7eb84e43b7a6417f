/**
 * The post-deploy smoke test: `npm run smoke -- --url URL [--unsigned] [--region REGION]`.
 * Through the typed client, signed with SigV4 from the standard AWS credential chain unless told
 * otherwise: health, a select and a check, each on one line; exit 1 when any fails.
 */
import { parseArgs } from "node:util";
import { createCodeRulesClient, type Outcome } from "../client/index.js";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    unsigned: { type: "boolean", default: false },
    region: { type: "string" },
  },
});
if (!values.url) {
  console.error("usage: npm run smoke -- --url URL [--unsigned] [--region REGION]");
  process.exit(2);
}

const client = createCodeRulesClient({
  baseUrl: values.url,
  sign: values.unsigned ? false : { ...(values.region ? { region: values.region } : {}) },
});

// The day before the 6th birthday: 33951, so a claim billing 33952 is not consistent.
const patient = { dateOfBirth: "2020-11-25", dateOfService: "2026-11-24" };

const steps: [string, () => Promise<Outcome<unknown>>, (value: never) => boolean][] = [
  ["health", () => client.health(), (value: { status: string }) => value.status === "ok"],
  [
    "select",
    () => client.select({ procedure: "ecmo-cannula-insertion-percutaneous", ...patient }),
    (value: { code: string }) => value.code === "33951",
  ],
  [
    "check",
    () => client.check({ code: "33952", ...patient }),
    (value: { consistent: boolean; expected: string[] }) =>
      !value.consistent && value.expected.join() === "33951",
  ],
];

let failed = 0;
for (const [name, call, holds] of steps) {
  const answer = await call().catch((error: Error) => error);
  const verdict =
    answer instanceof Error
      ? `FAIL ${answer.message}`
      : answer.ok && holds(answer.value as never)
        ? `ok   ${answer.status}`
        : `FAIL ${answer.status} ${JSON.stringify(answer.ok ? answer.value : answer.problem)}`;
  if (verdict.startsWith("FAIL")) failed += 1;
  console.log(`smoke ${name.padEnd(7)} ${verdict}`);
}
console.log(failed === 0 ? `smoke: ${values.url} answers` : `smoke: ${failed} step(s) failed`);
process.exit(failed === 0 ? 0 : 1);
