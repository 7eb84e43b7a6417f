/** The answer the selectCode route gives the benchmark's request, byte for byte. */
export const SELECT_ANSWER = JSON.stringify({
  code: "33951",
  text: "Insert ECMO/ECLS peripheral cannula(s) through the skin (percutaneous), birth through 5 years",
  procedure: "ecmo-cannula-insertion-percutaneous",
  dateOfService: "2026-11-24",
  age: { years: 5, months: 11, days: 30 },
  band: "birth through 5 years",
  ruleId: "ecmo-cannula-insertion-percutaneous-33951",
  ruleVersion: 1,
  explanation: "5 years old on 2026-11-24 (completed years); 'birth through 5 years' selects 33951",
});
