import { procedure, rule } from "./rule-sets.js";

/** Whole grams, as a rule's weight bound writes them. */
export const grams = (value: number, inclusive = true) => ({ value, inclusive });

/** Later-day intensive care: every age, split by present weight at 1,500 g and 2,501 g to 5,000 g. */
export const byWeight = () => ({
  procedures: [procedure("later-day")],
  rules: [
    rule("light", {
      procedure: "later-day",
      code: "99478",
      weightGrams: { upper: grams(1500, false) },
    }),
    rule("middle", {
      procedure: "later-day",
      code: "99479",
      weightGrams: { lower: grams(1500), upper: grams(2500) },
    }),
    rule("heavy", {
      procedure: "later-day",
      code: "99480",
      weightGrams: { lower: grams(2500, false), upper: grams(5000) },
    }),
  ],
});

/** Sedation during GI endoscopy: G0500 for medicare, 99152 for every other declared payer. */
export const byPayer = () => ({
  procedures: [procedure("gi-sedation", { payers: ["commercial", "medicare"] })],
  rules: [
    rule("cms", { procedure: "gi-sedation", code: "G0500", payers: { only: ["medicare"] } }),
    rule("cpt", { procedure: "gi-sedation", code: "99152", payers: { except: ["medicare"] } }),
  ],
});
