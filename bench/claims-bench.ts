import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { checkClaimsFile } from "../cli/check-claims.js";
import { formatIsoDate, fromEpochDay, toEpochDay } from "../core/calendar-date.js";
import { isInEffect, type RuleSet } from "../core/rule-set.js";

/** The size of the generated claims file: big enough that memory would show growth per line. */
export const CLAIMS_BENCH_LINES = 200_000;

const DATE_OF_SERVICE = "2026-11-24";

/**
 * Writes a claims file of `lines` lines to `file`, streamed with backpressure (the generator must
 * not hold the file either): the codes in effect on the date of service, in turn, for patients
 * born over 0..10 years, so every band, edge and refusal of the shipped families shows up.
 */
const writeClaims = async (ruleSet: RuleSet, file: string, lines: number): Promise<void> => {
  const codes = [
    ...new Set(
      ruleSet.rules
        .filter((rule) => isInEffect(rule.effective, DATE_OF_SERVICE))
        .map((r) => r.code),
    ),
  ];
  const service = toEpochDay({ year: 2026, month: 11, day: 24 });
  const out = createWriteStream(file);
  out.write("claimId,code,dateOfService,dateOfBirth,payer\n");
  for (let i = 0; i < lines; i += 1) {
    const born = formatIsoDate(fromEpochDay(service - ((i * 7919) % 3653)));
    const line = `C${i},${codes[i % codes.length]},${DATE_OF_SERVICE},${born},acme\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
};

/** The highest resident set size seen while `work` runs, sampled every 20 ms. */
const peakRssWhile = async <T>(
  work: () => Promise<T>,
): Promise<{ value: T; peakRssMb: number }> => {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
};

/**
 * `check-claims`' own pipeline (read, hash, parse, check, write) in process over a generated file,
 * with the rule set in memory as the command holds it once read: lines a second and peak RSS.
 */
export const measureClaims = async (
  ruleSet: RuleSet,
  lines = CLAIMS_BENCH_LINES,
): Promise<{ linesPerSecond: number; peakRssMb: number }> => {
  const work = mkdtempSync(join(tmpdir(), "code-rules-claims-bench-"));
  try {
    const input = join(work, "claims.csv");
    await writeClaims(ruleSet, input, lines);
    const started = performance.now();
    const { value: summary, peakRssMb } = await peakRssWhile(() =>
      checkClaimsFile({ version: 1, ruleSet }, input, join(work, "report.csv")),
    );
    const seconds = (performance.now() - started) / 1000;
    if (summary.lines !== lines) throw new Error(`checked ${summary.lines} of ${lines} lines`);
    return { linesPerSecond: lines / seconds, peakRssMb };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};
