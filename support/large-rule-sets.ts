/**
 * A valid rule set of any size, shaped like real ones: each procedure has a code for birth
 * through 5 years and one from the 6th birthday, replaced by new rules on 2027-01-01 and again on
 * 2028-01-01. For the limits (a set past them must be refused before anything is written), the
 * validation bench and the servable bench.
 */
export const largeRuleSet = (
  ruleCount: number,
): { procedures: Record<string, unknown>[]; rules: Record<string, unknown>[] } => {
  const procedures: Record<string, unknown>[] = [];
  const rules: Record<string, unknown>[] = [];
  // Six rules a procedure: 5,000 rules (the limit) fit within 1,000 procedures (the limit too).
  const periods = [
    { from: "2015-01-01", to: "2026-12-31" },
    { from: "2027-01-01", to: "2027-12-31" },
    { from: "2028-01-01" },
  ] as const;
  for (let p = 0; rules.length < ruleCount; p += 1) {
    const key = `procedure-${String(p).padStart(6, "0")}`;
    procedures.push({ key, name: `Generated procedure ${p}` });
    for (const [period, effective] of periods.entries()) {
      for (const [young, code] of [
        [true, "0001F"],
        [false, "0002F"],
      ] as const) {
        if (rules.length >= ruleCount) break;
        rules.push({
          id: `${key}-${period}-${young ? "young" : "older"}`,
          procedure: key,
          code,
          text: `Generated ${young ? "first" : "second"} code text for procedure ${p}`,
          band: young
            ? {
                lower: { value: 0, unit: "years", inclusive: true },
                upper: { value: 5, unit: "years", inclusive: true },
              }
            : { lower: { value: 6, unit: "years", inclusive: true } },
          effective,
          source: "generated for tests and the bench",
        });
      }
    }
  }
  return { procedures, rules };
};
