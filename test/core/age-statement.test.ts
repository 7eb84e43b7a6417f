import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandLabel } from "../../core/age-band.js";
import { ageStatements } from "../../core/age-statement.js";
import { gestationLabels } from "../../core/gestation.js";
import { anyBand } from "./support/band-arbitraries.js";

describe("ageStatements: text that states an age", () => {
  it.each([
    ["Insert a cannula, patients 6+ years", "6+ years"],
    ["Insert a cannula, age 6 and over", "age 6 and over"],
    ["Insert a cannula, patients 6+", "6+"],
    ["Insert a cannula, aged 6", "aged 6"],
    ["Insert a cannula, ages 2 to 5", "ages 2 to 5"],
    ["Insert a cannula, 6 years", "6 years"],
    ["Circumcision, up to 28 days", "up to 28 days"],
    ["Sleep study, under 2 yrs", "under 2 yrs"],
    ["Sedation of a 6-year-old", "6-year-old"],
    ["Sedation, six months old", "six months old"],
    ["Sedation, 4 y/o", "4 y/o"],
    ["Sedation, 18 mos", "18 mos"],
    ["Hernia repair, within 50 weeks after conception", "50 weeks"],
    ["Hernia repair, patients under 5", "under 5"],
    ["Preventive visit, over 65", "over 65"],
    ["Preventive visit, 12 and up", "12 and up"],
    ["Preventive visit, 5 through 11", "5 through 11"],
    ["Insert a cannula, birth through 5 years", "birth through 5 years"],
    ["Insert a cannula, 6 years and older", "6 years and older"],
    ["Insert a catheter, child younger than 5 years", "child younger than 5 years"],
    ["Circumcision, neonate 28 days old or younger", "neonate 28 days old or younger"],
    ["Care, 29 days through 23 months", "29 days through 23 months"],
    ["Repair, 6 months through 4 years of age", "6 months through 4 years of age"],
    ["Critical care, older patients", "older"],
    ["Critical care, younger patients", "younger"],
    ["Care from birth", "birth"],
    ["Care of a newborn", "newborn"],
    ["Care of a neonate", "neonate"],
    ["Neonatal critical care", "Neonatal"],
    ["Care of an infant", "infant"],
    ["Care of a child", "child"],
    ["Care of children", "children"],
    ["Care of an adult", "adult"],
    ["Care of an adolescent", "adolescent"],
    ["Pediatric critical care", "Pediatric"],
    ["Care of the aged", "aged"],
    ["Care of a toddler", "toddler"],
    ["Sleep study, any age", "any age"],
    ["Hernia repair, patients under five", "under five"],
    ["Preventive visit, twelve and up", "twelve and up"],
    ["Preventive visit, six and older", "six and older"],
    ["Preventive visit, sixty-five and older", "sixty-five and older"],
    ["Preventive visit, 65 or more", "65 or more"],
    ["Preventive visit, 65+", "65+"],
    ["Sleep study, up to 5", "up to 5"],
    ["Sleep study, up to 5 years", "up to 5 years"],
    ["Sleep study, at least 6 years", "at least 6 years"],
    ["Insert a cannula, ≥ 6", "≥ 6"],
    ["Insert a cannula, <= 5", "<= 5"],
    ["Insert a cannula, > 12", "> 12"],
    ["Sedation, 6 y", "6 y"],
    ["Sedation, 6 yo", "6 yo"],
    ["Sedation of minors", "minors"],
    ["Sedation of a minor patient", "minor"],
    ["Sedation of a minor", "minor"],
    ["Care in the first year of life", "first year of life"],
    ["Hernia repair in a patient aged 6", "aged 6"],
    ["Preventive visit, 5-11", "5-11"],
    ["Preventive visit, 5 to 11", "5 to 11"],
    ["Preventive visit, ages 5-11", "ages 5-11"],
    ["Preventive visit, age 5-11", "age 5-11"],
  ])("finds the age in %j: %j", (text, phrase) => {
    expect(ageStatements(text)).toEqual([phrase]);
  });

  it("names each phrase once, as written, and every one of them in order", () => {
    expect(
      ageStatements(
        "First day of critical care for an infant or toddler, 29 days through 23 months",
      ),
    ).toEqual(["infant or toddler", "29 days through 23 months"]);
  });

  it.each([
    "Place a central line through a central vein, exiting at the entry site",
    "Give critical care in person on a transfer between facilities, first 30 to 74 minutes",
    "Give critical care in person, add-on for each 30 minutes past minute 74",
    "Run ECMO support in any mode, add-on for each later 24 hours, as reported before 2015",
    "Place a PICC line, no port or pump, imaging used and included",
    "Technologist-watched sleep study with sleep stages and at least four other measures, CPAP or bilevel started",
    "Cut away the foreskin surgically, without a clamp or device",
    "Insert a tunneled central venous device with a port under the skin",
    "Insert ECMO/ECLS peripheral cannula(s) through the skin (percutaneous)",
    "Face-to-face critical care during transport between facilities, first 30 to 74 minutes",
    "Prolonged extracorporeal circulation, each further 24 hours, as reported before 2015",
    "Prolonged service over 30 minutes",
    "Excise a lesion under 2 cm",
    "Excise a lesion under 0.5 cm",
    "Repair a wound over 20%",
    "Manage ECMO/ECLS support for a day, veno-venous",
    "Insert a PICC without port or pump, imaging guidance included",
    "Attended sleep study with sleep staging and CPAP or bilevel started",
    "Circumcision by surgical excision",
    "Excise a lesion under 2.5 cm",
    "Prolonged service over twenty-five minutes",
    "Face-to-face critical care during transport between facilities, 30 to 74 minutes",
    "Destroy up to 3 lesions",
    "Destroy one or more lesions",
    "Face-to-face critical care, each additional 30 minutes",
    "Repair a wound > 20%",
    "Destroy a tender lesion",
    "Care as coded in CPT 2019",
    "Care as reported before 2015, 2015-2019",
    "Report 36568/36569 for the insertion",
    "Minor procedure under local anesthesia",
    "Minor surgery, minor repair",
    "First day of inpatient critical care",
  ])("finds none in %j, which names only the service", (text) => {
    expect(ageStatements(text)).toEqual([]);
  });

  it("finds every band's label whole, so a label pasted into a rule's text is refused", () => {
    fc.assert(
      fc.property(anyBand, (b) => {
        const label = bandLabel(b);
        expect(ageStatements(`Insert a cannula, ${label}`)).toEqual([label]);
      }),
    );
  });

  it("finds the age in every label of a limit from conception", () => {
    const limit = { upper: { value: 37, unit: "weeks" as const, inclusive: false } };
    const labels = gestationLabels({ gestationalAgeAtBirth: limit, postConceptionAge: limit });
    expect(labels.map(ageStatements)).toEqual([["37 weeks"], ["36 weeks"]]);
  });
});
