import { bandLabel } from "./age-band.js";
import { gestationLabels } from "./gestation.js";
import { payerLabel } from "./payer.js";
import type { Rule } from "./rule-set.js";
import { weightLabel } from "./weight.js";

/**
 * The text callers read for a rule: its own text, which names the service, then the ages its band
 * (and any limit from conception) holds, as one sentence: "Place a central line through a central
 * vein, exiting at the entry site, birth through 4 years". The ages are said from the bounds
 * alone, so text and band can never disagree; rule files and exports keep the rule's own text,
 * which is what a publish reads back.
 */
export const servedText = (
  rule: Pick<Rule, "text" | "band"> &
    Partial<Pick<Rule, "gestationalAgeAtBirth" | "postConceptionAge" | "weightGrams" | "payers">>,
  // A selection has said the band already: it is not said twice on the hot path.
  band: string = bandLabel(rule.band),
): string =>
  [
    rule.text.replace(/[\s.]+$/u, ""),
    band,
    ...gestationLabels(rule),
    ...[weightLabel(rule), payerLabel(rule)].filter((label) => label !== undefined),
  ].join(", ");
