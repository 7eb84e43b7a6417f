import { describe, expect, it } from "vitest";
import { select } from "../../../core/select.js";
import { born, shippedRules } from "../support/shipped-rules.js";

// The code pairs as the issue lists them, independent of the YAML: birth through 5 years / 6 and older.
const CANNULA_CODES = [
  ["ecmo-cannula-insertion-percutaneous", "33951", "33952"],
  ["ecmo-cannula-insertion-open", "33953", "33954"],
  ["ecmo-cannula-insertion-central", "33955", "33956"],
  ["ecmo-cannula-reposition-percutaneous", "33957", "33958"],
  ["ecmo-cannula-reposition-open", "33959", "33962"],
  ["ecmo-cannula-reposition-central", "33963", "33964"],
  ["ecmo-cannula-removal-percutaneous", "33965", "33966"],
  ["ecmo-cannula-removal-open", "33969", "33984"],
  ["ecmo-cannula-removal-central", "33985", "33986"],
] as const;

const UNSPLIT_CODES = [
  ["ecmo-initiation-vv", "33946", "33960"],
  ["ecmo-initiation-va", "33947", "33960"],
  ["ecmo-daily-management-vv", "33948", "33961"],
  ["ecmo-daily-management-va", "33949", "33961"],
  ["ecmo-arterial-exposure-graft-conduit", "33987", "no-rule-in-effect"],
  ["ecmo-left-heart-vent-insertion", "33988", "no-rule-in-effect"],
  ["ecmo-left-heart-vent-removal", "33989", "no-rule-in-effect"],
] as const;

describe("the shipped ECMO and critical care rules", () => {
  it("select 33951 for a child born 2020-11-25 and 33952 for one born 2020-11-24, on 2026-11-24", () => {
    expect(born("ecmo-cannula-insertion-percutaneous", "2020-11-25", "2026-11-24")).toBe("33951");
    expect(born("ecmo-cannula-insertion-percutaneous", "2020-11-24", "2026-11-24")).toBe("33952");
  });

  it("move a child born on 29 February 2020 to 33952 on 1 March 2026, not on 28 February", () => {
    expect(born("ecmo-cannula-insertion-percutaneous", "2020-02-29", "2026-02-28")).toBe("33951");
    expect(born("ecmo-cannula-insertion-percutaneous", "2020-02-29", "2026-03-01")).toBe("33952");
  });

  it("select 36822 for cannula insertion before 2015, whatever the route or age", () => {
    expect(born("ecmo-cannula-insertion-percutaneous", "2010-01-01", "2014-06-01")).toBe("36822");
    expect(born("ecmo-cannula-insertion-open", "1950-01-01", "2014-12-31")).toBe("36822");
    expect(born("ecmo-cannula-insertion-central", "2014-12-31", "2014-12-31")).toBe("36822");
    expect(born("ecmo-cannula-insertion-percutaneous", "2010-01-01", "2015-01-01")).toBe("33951");
  });

  it.each(CANNULA_CODES)("split %s at the 6th birthday: %s, then %s", (procedure, young, older) => {
    expect(born(procedure, "2015-01-01", "2015-01-01")).toBe(young);
    expect(born(procedure, "2019-06-15", "2025-06-14")).toBe(young);
    expect(born(procedure, "2019-06-15", "2025-06-15")).toBe(older);
    expect(born(procedure, "1930-01-01", "2026-11-24")).toBe(older);
  });

  it.each(UNSPLIT_CODES)(
    "answer %s with %s at every age from 2015, and %s before",
    (procedure, code, before) => {
      expect(born(procedure, "2026-11-24", "2026-11-24")).toBe(code);
      expect(born(procedure, "1926-11-24", "2026-11-24")).toBe(code);
      expect(born(procedure, "2000-01-01", "2014-12-31")).toBe(before);
    },
  );

  it("have no reposition or removal codes before 2015", () => {
    expect(born("ecmo-cannula-reposition-open", "2010-01-01", "2014-12-31")).toBe(
      "no-rule-in-effect",
    );
    expect(born("ecmo-cannula-removal-central", "2010-01-01", "2014-12-31")).toBe(
      "no-rule-in-effect",
    );
  });

  it("move neonatal to pediatric critical care on day 29, to 99475 on the 2nd birthday, and stop at the 6th", () => {
    const critical = (dateOfService: string) =>
      born("neonatal-pediatric-critical-care-initial-day", "2024-03-31", dateOfService);
    expect(critical("2024-03-31")).toBe("99468");
    expect(critical("2024-04-28")).toBe("99468");
    expect(critical("2024-04-29")).toBe("99471");
    expect(critical("2026-03-30")).toBe("99471");
    expect(critical("2026-03-31")).toBe("99475");
    expect(critical("2030-03-30")).toBe("99475");
    expect(critical("2030-03-31")).toBe("age-not-covered");
  });

  it("refuse 0 years for critical care as ambiguous, deciding in days", () => {
    const result = select(shippedRules(), {
      procedure: "neonatal-pediatric-critical-care-initial-day",
      dateOfService: "2026-11-24",
      age: { value: 0, unit: "years" },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "ambiguous-age", decidingUnit: "days", codes: ["99468", "99471"] },
    });
  });
});
