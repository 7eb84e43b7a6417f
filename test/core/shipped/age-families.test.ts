import { describe, expect, it } from "vitest";
import type { AgeUnit } from "../../../core/age.js";
import { addDays, type CalendarDate, formatIsoDate } from "../../../core/calendar-date.js";
import { monthAnniversary } from "../../../core/threshold.js";
import { date } from "../support/dates.js";
import { born } from "../support/shipped-rules.js";

/** The day a child born on `birth` completes `value` `unit`s of age. */
const completes = (birth: string, value: number, unit: AgeUnit): CalendarDate =>
  unit === "days"
    ? addDays(date(birth), value)
    : monthAnniversary(date(birth), unit === "years" ? value * 12 : value);

/**
 * One band edge of one procedure: a child born on `birth` gets `before` up to the day before they
 * complete the edge's age, and `from` on that day and the day after. The codes are written out
 * here from the sources, apart from the YAML.
 */
type Edge = readonly [
  procedure: string,
  birth: string,
  age: number,
  unit: AgeUnit,
  before: string,
  from: string,
];

const NOT_COVERED = "age-not-covered";

const EDGES: readonly Edge[] = [
  ["moderate-sedation-initial-by-proceduralist", "2020-03-10", 5, "years", "99151", "99152"],
  ["moderate-sedation-initial-by-other-physician", "2020-03-10", 5, "years", "99155", "99156"],
  ["moderate-sedation-initial-by-proceduralist", "2008-02-29", 5, "years", "99143", "99144"],
  ["moderate-sedation-initial-by-other-physician", "2008-02-29", 5, "years", "99148", "99149"],
  ["preventive-visit-new-patient", "2001-07-15", 1, "years", "99381", "99382"],
  ["preventive-visit-new-patient", "2001-07-15", 5, "years", "99382", "99383"],
  ["preventive-visit-new-patient", "2001-07-15", 12, "years", "99383", "99384"],
  ["preventive-visit-new-patient", "2001-07-15", 18, "years", "99384", "99385"],
  ["preventive-visit-new-patient", "1961-02-28", 40, "years", "99385", "99386"],
  ["preventive-visit-new-patient", "1961-02-28", 65, "years", "99386", "99387"],
  ["preventive-visit-established-patient", "2001-07-15", 1, "years", "99391", "99392"],
  ["preventive-visit-established-patient", "2001-07-15", 5, "years", "99392", "99393"],
  ["preventive-visit-established-patient", "2001-07-15", 12, "years", "99393", "99394"],
  ["preventive-visit-established-patient", "2001-07-15", 18, "years", "99394", "99395"],
  ["preventive-visit-established-patient", "1961-02-28", 40, "years", "99395", "99396"],
  ["preventive-visit-established-patient", "1961-02-28", 65, "years", "99396", "99397"],
  ["central-venous-catheter-insertion-nontunneled", "2015-04-20", 5, "years", "36555", "36556"],
  ["central-venous-catheter-insertion-tunneled", "2015-04-20", 5, "years", "36557", "36558"],
  ["central-venous-port-insertion-tunneled", "2015-04-20", 5, "years", "36560", "36561"],
  ["picc-insertion-without-imaging", "2015-04-20", 5, "years", "36568", "36569"],
  ["picc-insertion-with-imaging", "2015-04-20", 5, "years", "36572", "36573"],
  ["picc-insertion-with-imaging", "2005-04-20", 5, "years", "36568", "36569"],
  ["picc-port-insertion", "2015-04-20", 5, "years", "36570", "36571"],
  ["venipuncture-by-physician-femoral-or-jugular-vein", "2018-08-31", 3, "years", "36400", "36410"],
  ["venipuncture-by-physician-scalp-vein", "2018-08-31", 3, "years", "36405", "36410"],
  ["venipuncture-by-physician-other-vein", "2018-08-31", 3, "years", "36406", "36410"],
  ["venipuncture-cutdown", "2020-02-29", 1, "years", "36420", "36425"],
  ["circumcision-surgical-excision", "2026-10-01", 29, "days", "54160", "54161"],
  ["polysomnography-attended", "2015-01-31", 6, "years", "95782", "95810"],
  ["polysomnography-attended-with-pap-titration", "2015-01-31", 6, "years", "95783", "95811"],
  ["neonatal-pediatric-critical-care-subsequent-day", "2024-03-31", 29, "days", "99469", "99472"],
  ["neonatal-pediatric-critical-care-subsequent-day", "2024-03-31", 24, "months", "99472", "99476"],
  [
    "neonatal-pediatric-critical-care-subsequent-day",
    "2024-03-31",
    6,
    "years",
    "99476",
    NOT_COVERED,
  ],
  [
    "critical-care-transport-face-to-face-first-period",
    "2024-01-31",
    25,
    "months",
    "99466",
    NOT_COVERED,
  ],
  [
    "critical-care-transport-face-to-face-each-further-30-minutes",
    "2024-01-31",
    25,
    "months",
    "99467",
    NOT_COVERED,
  ],
  [
    "critical-care-transport-supervision-first-30-minutes",
    "2024-01-31",
    25,
    "months",
    "99485",
    NOT_COVERED,
  ],
  [
    "critical-care-transport-supervision-each-further-30-minutes",
    "2024-01-31",
    25,
    "months",
    "99486",
    NOT_COVERED,
  ],
];

describe("the shipped age-split families", () => {
  it.each(EDGES)(
    "%s, born %s: at %i %s moves from %s to %s",
    (procedure, birth, age, unit, before, from) => {
      const edge = completes(birth, age, unit);
      const on = (day: CalendarDate) => born(procedure, birth, formatIsoDate(day));
      expect(on(addDays(edge, -1))).toBe(before);
      expect(on(edge)).toBe(from);
      expect(on(addDays(edge, 1))).toBe(from);
    },
  );

  it.each([
    ["moderate-sedation-initial-by-proceduralist", "99151"],
    ["preventive-visit-new-patient", "99381"],
    ["preventive-visit-established-patient", "99391"],
    ["picc-insertion-with-imaging", "36572"],
    ["venipuncture-by-physician-scalp-vein", "36405"],
    ["venipuncture-cutdown", "36420"],
    ["circumcision-surgical-excision", "54160"],
    ["polysomnography-attended", "95782"],
    ["neonatal-pediatric-critical-care-subsequent-day", "99469"],
    ["critical-care-transport-supervision-first-30-minutes", "99485"],
  ])("%s answers %s on the day of birth", (procedure, code) => {
    expect(born(procedure, "2026-11-24", "2026-11-24")).toBe(code);
  });
});

/** [procedure, date of birth, last day of the old code, old code, new code] */
type Change = readonly [
  procedure: string,
  birth: string,
  lastDay: string,
  before: string,
  from: string,
];

const NO_RULE = "no-rule-in-effect";

const CODE_HISTORY: readonly Change[] = [
  ["moderate-sedation-initial-by-proceduralist", "2004-06-01", "2005-12-31", NO_RULE, "99143"],
  ["moderate-sedation-initial-by-proceduralist", "2014-06-01", "2016-12-31", "99143", "99151"],
  ["moderate-sedation-initial-by-proceduralist", "2000-06-01", "2016-12-31", "99144", "99152"],
  ["moderate-sedation-initial-by-other-physician", "2004-06-01", "2005-12-31", NO_RULE, "99148"],
  ["moderate-sedation-initial-by-other-physician", "2014-06-01", "2016-12-31", "99148", "99155"],
  ["moderate-sedation-initial-by-other-physician", "2000-06-01", "2016-12-31", "99149", "99156"],
  ["preventive-visit-new-patient", "1960-01-01", "1999-12-31", NO_RULE, "99386"],
  ["central-venous-catheter-insertion-nontunneled", "2001-01-01", "2003-12-31", NO_RULE, "36555"],
  ["picc-insertion-with-imaging", "2016-06-01", "2018-12-31", "36568", "36572"],
  ["picc-insertion-with-imaging", "2000-06-01", "2018-12-31", "36569", "36573"],
  ["picc-insertion-without-imaging", "2016-06-01", "2018-12-31", "36568", "36568"],
  ["circumcision-surgical-excision", "2006-12-20", "2006-12-31", NO_RULE, "54160"],
  ["polysomnography-attended", "2010-06-01", "2012-12-31", "95810", "95782"],
  ["polysomnography-attended", "1970-06-01", "2012-12-31", "95810", "95810"],
  ["polysomnography-attended-with-pap-titration", "2010-06-01", "2012-12-31", "95811", "95783"],
  ["neonatal-pediatric-critical-care-subsequent-day", "2008-12-20", "2008-12-31", NO_RULE, "99469"],
  [
    "critical-care-transport-face-to-face-first-period",
    "2008-12-20",
    "2008-12-31",
    NO_RULE,
    "99466",
  ],
  [
    "critical-care-transport-supervision-first-30-minutes",
    "2012-06-01",
    "2012-12-31",
    NO_RULE,
    "99485",
  ],
];

describe("the shipped code history", () => {
  it.each(CODE_HISTORY)(
    "%s, born %s: %s is the last day of %s, then %s",
    (procedure, birth, lastDay, before, from) => {
      const next = formatIsoDate(addDays(date(lastDay), 1));
      expect(born(procedure, birth, lastDay)).toBe(before);
      expect(born(procedure, birth, next)).toBe(from);
    },
  );
});

describe("the issue's acceptance cases", () => {
  it("moderate sedation by the proceduralist, born 2020-03-10: 99151 on 2025-03-09, 99152 on 2025-03-10", () => {
    expect(born("moderate-sedation-initial-by-proceduralist", "2020-03-10", "2025-03-09")).toBe(
      "99151",
    );
    expect(born("moderate-sedation-initial-by-proceduralist", "2020-03-10", "2025-03-10")).toBe(
      "99152",
    );
  });

  it("a new patient's preventive visit, born 1961-02-28: 99386 on 2026-02-27, 99387 on 2026-02-28", () => {
    expect(born("preventive-visit-new-patient", "1961-02-28", "2026-02-27")).toBe("99386");
    expect(born("preventive-visit-new-patient", "1961-02-28", "2026-02-28")).toBe("99387");
  });

  it("circumcision by excision, born 2026-10-01: 54160 on 2026-10-29, 54161 on 2026-10-30", () => {
    expect(born("circumcision-surgical-excision", "2026-10-01", "2026-10-29")).toBe("54160");
    expect(born("circumcision-surgical-excision", "2026-10-01", "2026-10-30")).toBe("54161");
  });
});
