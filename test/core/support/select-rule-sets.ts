import { bound, procedure, rule, splitAtSix, validated } from "./rule-sets.js";

/** The ECMO cannula codes' shape: one procedure, two bands split at the 6th birthday. */
export const cannula = validated({ procedures: [procedure()], rules: splitAtSix() });

/** Critical care's shape: edges at 28 days and 24 months, and no code from 6 years on. */
export const critical = validated({
  procedures: [procedure("critical-care", { coverage: { stopsAt: { value: 6, unit: "years" } } })],
  rules: [
    rule("neonate", {
      procedure: "critical-care",
      code: "99468",
      band: { label: "birth through 28 days", lower: bound(0, "days"), upper: bound(28, "days") },
    }),
    rule("infant", {
      procedure: "critical-care",
      code: "99471",
      band: {
        label: "29 days through 23 months",
        lower: bound(29, "days"),
        upper: bound(24, "months", false),
      },
    }),
    rule("child", {
      procedure: "critical-care",
      code: "99475",
      band: { label: "2 through 5 years", lower: bound(2, "years"), upper: bound(5, "years") },
    }),
  ],
});
